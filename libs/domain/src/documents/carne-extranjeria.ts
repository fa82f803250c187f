import { sinSeparadores } from './escritura';
import { failed, FieldCheck, passed } from './field-check';

// Only ASCII letters and digits: the number as printed on the card, without the spaces or dashes people add.
const CARNE_EXTRANJERIA_PATTERN = /^[A-Z0-9]{9,12}$/;

/** 9 to 12 letters or digits; spaces, dots and dashes typed between them are dropped, letters upper-cased. */
export function checkCarneExtranjeria(value: string): FieldCheck {
  const normalized = sinSeparadores(value).toUpperCase();
  return CARNE_EXTRANJERIA_PATTERN.test(normalized)
    ? passed(normalized)
    : failed('El número de carné de extranjería debe tener entre 9 y 12 letras o dígitos.');
}

export function isCarneExtranjeria(value: string): boolean {
  return checkCarneExtranjeria(value).ok;
}
