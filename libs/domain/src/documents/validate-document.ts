import { checkCarneExtranjeria } from './carne-extranjeria';
import { checkDni } from './dni';
import { DocumentType } from './document-type';
import { FieldCheck } from './field-check';
import { checkPasaporte } from './pasaporte';
import { checkRuc } from './ruc';
import { sinSeparadores } from './escritura';

export type DocumentCheck = FieldCheck;

/**
 * Checks a document number against its type, as people type it (see each `check…`). `normalized`
 * is the value to store: without separators or a DNI's check character, upper-cased.
 */
export function validateDocument(type: DocumentType, number: string): DocumentCheck {
  switch (type) {
    case DocumentType.DNI:
      return checkDni(number);
    case DocumentType.CARNE_EXTRANJERIA:
      return checkCarneExtranjeria(number);
    case DocumentType.PASAPORTE:
      return checkPasaporte(number);
    case DocumentType.RUC:
      return checkRuc(number);
  }
}

/**
 * The stored forms a document number typed without its type may have (the tracking page and the
 * inbox search ask only for "su número de documento"): what each type's check makes of it, and the
 * bare characters, which is how numbers stored before these checks were kept. Never empty for a
 * non-empty input.
 */
export function documentoParaBuscar(valor: string): string[] {
  const candidatos = new Set<string>();
  for (const type of Object.values(DocumentType)) {
    const check = validateDocument(type, valor);
    if (check.ok) candidatos.add(check.normalized);
  }
  const bruto = sinSeparadores(valor).toUpperCase();
  if (bruto !== '') candidatos.add(bruto);
  return [...candidatos];
}
