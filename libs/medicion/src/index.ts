export * from './medicion.module';
export * from './figures/cifras';
export * from './figures/periodo';
export * from './figures/get-cifras-entidad.usecase';
export * from './figures/get-cifras-nacionales.usecase';
export * from './rollup/actualizar-cifras.usecase';
export * from './rollup/actualizar-cifras.job';
export type { DiasANotificacion, ReclamoNotificado } from './rollup/dias-a-notificacion';
export { diasANotificacion } from './rollup/dias-a-notificacion';
