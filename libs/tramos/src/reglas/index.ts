export * from './entidad-datos';
export * from './tramo-datos';
export * from './designacion-datos';
export * from './csv';
export * from './importacion-csv';
