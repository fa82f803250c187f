export * from './attachment-storage';
export * from './local-directory.storage';
export * from './attachment-type';
export * from './attachment-intake';
