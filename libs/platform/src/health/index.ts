export * from './health.module';
export * from './estado-de-cierre';
