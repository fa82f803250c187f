import { checkCarneExtranjeria } from './carne-extranjeria';
import { checkDni } from './dni';
import { DocumentType } from './document-type';
import { FieldCheck } from './field-check';
import { checkPasaporte } from './pasaporte';
import { checkRuc } from './ruc';

export type DocumentCheck = FieldCheck;

/**
 * Checks a document number against its type. `normalized` is the value to store:
 * trimmed, and upper-cased for carné de extranjería and pasaporte.
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
