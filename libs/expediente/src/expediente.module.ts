import { Module } from '@nestjs/common';
import { RegistroDeAcceso } from './acceso/registro-de-acceso';
import { AuditTrail } from './auditoria/audit-trail';

/** The audit trail and the log of reads as injectables; the reclamo writers are plain functions over the caller's transaction. */
@Module({ providers: [AuditTrail, RegistroDeAcceso], exports: [AuditTrail, RegistroDeAcceso] })
export class ExpedienteModule {}
