export * from './errors/domain-error';
export * from './reclamo/aspecto';
export * from './reclamo/estado';
export * from './reclamo/canal';
export * from './reclamo/codigo-reclamo';
export * from './entidad/tipo-entidad';
export * from './persona/rol-persona';
export * from './usuario/rol-usuario';
