export * from './persistence.module';
export * from './data-source-options';
export * from './lecturas-replica';
export { ALL_MIGRATIONS } from './migrations';
