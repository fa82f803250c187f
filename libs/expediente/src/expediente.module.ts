import { Module } from '@nestjs/common';
import { AuditTrail } from './auditoria/audit-trail';

/** The audit trail as an injectable; the reclamo writers are plain functions over the caller's transaction. */
@Module({ providers: [AuditTrail], exports: [AuditTrail] })
export class ExpedienteModule {}
