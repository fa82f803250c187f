export * from './persistence.module';
export * from './data-source-options';
export { ALL_MIGRATIONS } from './migrations';
