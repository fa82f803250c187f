import { failed, FieldCheck, passed } from './field-check';

// Only ASCII letters and digits: the number is typed as printed on the card.
const CARNE_EXTRANJERIA_PATTERN = /^[A-Z0-9]{9,12}$/;

export function checkCarneExtranjeria(value: string): FieldCheck {
  const normalized = value.trim().toUpperCase();
  return CARNE_EXTRANJERIA_PATTERN.test(normalized)
    ? passed(normalized)
    : failed('El número de carné de extranjería debe tener entre 9 y 12 letras o dígitos.');
}

export function isCarneExtranjeria(value: string): boolean {
  return checkCarneExtranjeria(value).ok;
}
