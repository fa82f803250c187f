import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/platform/clock';
import { StaffUser } from '@app/staff';
import { assertGestionaRegistro } from './acceso';

/** Who changes the registry, and from where (the address as the app saw it, for the trail). */
export interface RegistroCommand {
  actor: StaffUser;
  ip: string | null;
}

export type AccionRegistro =
  | 'tramo_creado'
  | 'tramo_modificado'
  | 'entidad_registrada'
  | 'entidad_modificada'
  | 'entidad_desactivada'
  | 'entidad_reactivada'
  | 'entidades_importadas'
  | 'responsables_designados';

export interface EntradaAuditoria {
  accion: AccionRegistro;
  entidadId?: string | null;
  tramoId?: number | null;
  detalle: Record<string, unknown>;
}

export interface RegistroContext {
  manager: EntityManager;
  now: Date;
  /** Appends one row to `auditoria_registro` in this transaction; returns its id. */
  readonly audit: (entrada: EntradaAuditoria) => Promise<string>;
}

/**
 * pg_advisory_xact_lock key of the registry's writes (any constant no other code uses). Every change
 * that reads "which tramo covers this kind" and writes from it takes it: a tramo's kinds changing while
 * an entity is registered by its kind, or two imports checking the same codes, run one after the other.
 */
export const REGISTRO_LOCK_KEY = 7_318_402_551;

/**
 * One registry change: the role check, one transaction holding the registry's lock, and the trail row
 * written in it, so a change and its audit entry commit together or not at all.
 */
@Injectable()
export class RegistroTransaction {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async run<T>(command: RegistroCommand, body: (ctx: RegistroContext) => Promise<T>): Promise<T> {
    assertGestionaRegistro(command.actor);
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [REGISTRO_LOCK_KEY]);
      const audit = async (entrada: EntradaAuditoria): Promise<string> => {
        const [row]: Array<{ id: string }> = await manager.query(
          `INSERT INTO auditoria_registro (accion, actor_id, actor_rol, ip, entidad_id, tramo_id, detalle, ocurrido_en)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text AS id`,
          [entrada.accion, command.actor.id, command.actor.rol, command.ip, entrada.entidadId ?? null, entrada.tramoId ?? null, JSON.stringify(entrada.detalle), now],
        );
        return row.id;
      };
      return body({ manager, now, audit });
    });
  }
}
