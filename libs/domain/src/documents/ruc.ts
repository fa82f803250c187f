import { sinSeparadores } from './escritura';
import { failed, FieldCheck, passed } from './field-check';

export const RUC_LENGTH = 11;

/**
 * 10, 15 and 17: personas naturales (a 10 RUC embeds the holder's DNI); 20: personas
 * jurídicas, public entities included. Other prefixes are rejected on purpose.
 */
export const RUC_PREFIXES: readonly string[] = ['10', '15', '17', '20'];

// SUNAT's modulus-11 weights for the first 10 digits.
const RUC_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;
const TEN_DIGITS = /^\d{10}$/;
const ELEVEN_DIGITS = /^\d{11}$/;

/**
 * The check digit (11th digit) SUNAT assigns to the given first 10 digits:
 * 11 - (weighted sum mod 11), where 10 becomes 0 and 11 becomes 1.
 */
export function rucCheckDigit(firstTenDigits: string): number {
  if (!TEN_DIGITS.test(firstTenDigits)) {
    throw new RangeError(`rucCheckDigit expects 10 digits, got "${firstTenDigits}"`);
  }
  let sum = 0;
  RUC_WEIGHTS.forEach((weight, i) => {
    sum += weight * Number(firstTenDigits[i]);
  });
  const digit = 11 - (sum % 11);
  return digit === 10 ? 0 : digit === 11 ? 1 : digit;
}

/**
 * 11 digits, a valid prefix and SUNAT's check digit. Spaces, dots and dashes typed between the
 * digits ("20-13137099-8", as some receipts print it) are dropped.
 */
export function checkRuc(value: string): FieldCheck {
  const normalized = sinSeparadores(value);
  if (!ELEVEN_DIGITS.test(normalized)) {
    return failed('El RUC debe tener 11 dígitos.');
  }
  if (!RUC_PREFIXES.includes(normalized.slice(0, 2))) {
    return failed('El RUC debe empezar con 10, 15, 17 o 20.');
  }
  if (rucCheckDigit(normalized.slice(0, 10)) !== Number(normalized[10])) {
    return failed('El RUC no es válido: el dígito verificador no coincide.');
  }
  return passed(normalized);
}

export function isRuc(value: string): boolean {
  return checkRuc(value).ok;
}
