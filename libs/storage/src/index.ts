export * from './attachment-storage';
export * from './local-directory.storage';
export * from './attachment-type';
export * from './attachment-intake';
export * from './s3.storage';
export * from './almacen';
export * from './heic-a-jpeg';
