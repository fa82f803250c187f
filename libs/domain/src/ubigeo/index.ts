export * from './ubigeo';
