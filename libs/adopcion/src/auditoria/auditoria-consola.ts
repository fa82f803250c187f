import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@app/expediente';
import { Clock } from '@app/platform/clock';
import { StaffUser } from '@app/staff';

/**
 * Entities whose chain heads one transaction locks (AuditTrail.appendMany: four statements whatever their
 * number). Short transactions, so no entity's own audited action waits long on a console read.
 */
const ENTIDADES_POR_TRANSACCION = 500;

/**
 * The console's reads of entities' figures, on each entity's own audit chain (AuditTrail, libs/expediente):
 * action 'cifras_consultadas', the reader and their role, their address, and what they looked at (the view
 * and the period or filters; ids and codes only). Written before the figures are returned, so a read that
 * could not be recorded is not served.
 */
@Injectable()
export class AuditoriaDeConsola {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async cifrasConsultadas(actor: StaffUser, ip: string | null, entidadIds: readonly string[], detalle: Record<string, unknown>): Promise<void> {
    const ocurridoEn = this.clock.now();
    for (let i = 0; i < entidadIds.length; i += ENTIDADES_POR_TRANSACCION) {
      const lote = entidadIds.slice(i, i + ENTIDADES_POR_TRANSACCION);
      await this.dataSource.transaction((manager) =>
        this.auditTrail.appendMany(
          manager,
          lote.map((entidadId) => ({
            entidadId,
            reclamoId: null,
            actor: { id: actor.id, rol: actor.rol },
            ip,
            accion: 'cifras_consultadas',
            detalle,
            ocurridoEn,
          })),
        ),
      );
    }
  }
}
