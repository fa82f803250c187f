export * from './field-message';
export * from './is-document-number-for.decorator';
export * from './is-lima-date.decorator';
export * from './is-peruvian-phone.decorator';
export * from './is-ruc.decorator';
export * from './is-ubigeo.decorator';
export * from './lima-date';
