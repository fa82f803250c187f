export * from './bootstrap-http-app';
export * from './view-helpers';
