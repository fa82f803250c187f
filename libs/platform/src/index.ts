export * from './config';
export * from './clock';
export * from './redis';
export * from './health';
export * from './logging';
export * from './errors';
export * from './throttling';
export * from './http';
