export * from './carne-extranjeria';
export * from './dni';
export * from './document-type';
export * from './escritura';
export type { FieldCheck } from './field-check';
export * from './pasaporte';
export * from './phone';
export * from './ruc';
export * from './validate-document';
