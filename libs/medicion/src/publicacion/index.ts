export * from './supresion';
export * from './periodo-publico';
export * from './estadisticas';
export * from './get-estadisticas.usecase';
export * from './datos-abiertos';
