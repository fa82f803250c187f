/** Identity documents accepted on the hoja de reclamación (domain README, "The hoja de reclamación"). */
export enum DocumentType {
  DNI = 'DNI',
  CARNE_EXTRANJERIA = 'CE',
  PASAPORTE = 'PASAPORTE',
  RUC = 'RUC',
}

/** How each type is named to the citizen. */
export const DOCUMENT_TYPE_LABELS: Readonly<Record<DocumentType, string>> = {
  [DocumentType.DNI]: 'DNI',
  [DocumentType.CARNE_EXTRANJERIA]: 'Carné de extranjería',
  [DocumentType.PASAPORTE]: 'Pasaporte',
  [DocumentType.RUC]: 'RUC',
};

const DOCUMENT_TYPES: ReadonlySet<string> = new Set(Object.values(DocumentType));

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && DOCUMENT_TYPES.has(value);
}
