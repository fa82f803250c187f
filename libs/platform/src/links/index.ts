export * from './enlaces';
