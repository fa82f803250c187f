import { failed, FieldCheck, passed } from './field-check';

export const DNI_LENGTH = 8;
const DNI_PATTERN = /^\d{8}$/;

/**
 * A DNI number is exactly 8 digits. The card also prints a check character after a
 * hyphen; it is not part of the number and is not asked for.
 */
export function checkDni(value: string): FieldCheck {
  const normalized = value.trim();
  return DNI_PATTERN.test(normalized) ? passed(normalized) : failed('El número de DNI debe tener 8 dígitos.');
}

export function isDni(value: string): boolean {
  return checkDni(value).ok;
}
