export * from './write-zip';
