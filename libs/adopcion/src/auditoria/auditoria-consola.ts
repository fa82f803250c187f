import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RegistroDeAcceso } from '@app/expediente';
import { Clock } from '@app/platform/clock';
import { StaffUser } from '@app/staff';

/**
 * The console's reads of entities' figures, in the log of reads (`RegistroDeAcceso`, libs/expediente):
 * action 'cifras_consultadas', one row per entity read, the reader and their role, their address, and
 * what they looked at (the view and the period or filters; ids and codes only). Written before the
 * figures are returned, so a read that could not be recorded is not served. Not in the entities' hash
 * chains: a national ranking would lock every entity's chain head and put an entry in every chain.
 */
@Injectable()
export class AuditoriaDeConsola {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registroDeAcceso: RegistroDeAcceso,
    private readonly clock: Clock,
  ) {}

  async cifrasConsultadas(actor: StaffUser, ip: string | null, entidadIds: readonly string[], detalle: Record<string, unknown>): Promise<void> {
    const ocurridoEn = this.clock.now();
    await this.registroDeAcceso.registrarMuchos(
      this.dataSource.manager,
      entidadIds.map((entidadId) => ({
        entidadId,
        reclamoId: null,
        actor: { id: actor.id, rol: actor.rol },
        ip,
        accion: 'cifras_consultadas' as const,
        detalle,
        ocurridoEn,
      })),
    );
  }
}
