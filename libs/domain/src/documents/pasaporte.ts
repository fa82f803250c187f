import { sinSeparadores } from './escritura';
import { failed, FieldCheck, passed } from './field-check';

// Passports from any country: only the length and the alphabet (as in the MRZ) are checked.
const PASAPORTE_PATTERN = /^[A-Z0-9]{6,12}$/;

/** 6 to 12 letters or digits; spaces, dots and dashes typed between them are dropped, letters upper-cased. */
export function checkPasaporte(value: string): FieldCheck {
  const normalized = sinSeparadores(value).toUpperCase();
  return PASAPORTE_PATTERN.test(normalized)
    ? passed(normalized)
    : failed('El número de pasaporte debe tener entre 6 y 12 letras o dígitos.');
}

export function isPasaporte(value: string): boolean {
  return checkPasaporte(value).ok;
}
