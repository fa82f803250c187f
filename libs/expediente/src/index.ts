export * from './expediente.module';
export * from './correlativo';
export * from './reclamo/reclamo.writer';
export * from './auditoria/audit-trail';
export * from './auditoria/audit-hash';
export * from './auditoria/verify-audit-chain';
export * from './acceso/registro-de-acceso';
export * from './copias/verificar-copia';
