export * from './mejora.module';
export * from './reglas/accion-mejora';
export * from './reglas/periodos';
export * from './acciones/accion-transaction';
export * from './acciones/diseno.usecases';
export * from './acciones/plan.usecases';
export * from './acciones/avances.usecases';
export * from './acciones/consultas.usecases';
