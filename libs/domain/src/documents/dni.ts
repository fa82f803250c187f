import { comoSeEscribe, sinSeparadores } from './escritura';
import { failed, FieldCheck, passed } from './field-check';

export const DNI_LENGTH = 8;

const DNI_PATTERN = /^\d{8}$/;
const NUEVE_DIGITOS = /^\d{9}$/;
/**
 * The card prints a check character after the number and a dash ("12345678 - 9"; a digit, or a
 * letter A–K on older cards). People copy it along; it is not part of the number.
 */
const CON_VERIFICACION = /^(.*\d)\s*[-\u2010-\u2015\u2212]\s*([0-9A-K])$/iu;

const MENSAJE = 'El número de DNI debe tener 8 dígitos.';
const MENSAJE_VERIFICACION =
  'El número de DNI debe tener 8 dígitos, sin el dígito de verificación que va después del guion.';

/**
 * A DNI number is exactly 8 digits. Accepted as people write it: with spaces, dots or dashes
 * between the digits ("12 345 678", "12.345.678") and with the card's check character after a
 * dash ("12345678-9" is the DNI 12345678). The normalized value is the 8 digits.
 */
export function checkDni(value: string): FieldCheck {
  const escrito = comoSeEscribe(value);
  const verificacion = CON_VERIFICACION.exec(escrito);
  if (verificacion) {
    const numero = sinSeparadores(verificacion[1]);
    // "1234567-8" is a digit short, not a DNI with its check character: refused, never guessed.
    return DNI_PATTERN.test(numero) ? passed(numero) : failed(MENSAJE_VERIFICACION);
  }
  const digitos = sinSeparadores(escrito);
  if (DNI_PATTERN.test(digitos)) return passed(digitos);
  // Nine digits together are most often the number and its check character without the dash.
  return failed(NUEVE_DIGITOS.test(digitos) ? MENSAJE_VERIFICACION : MENSAJE);
}

export function isDni(value: string): boolean {
  return checkDni(value).ok;
}
