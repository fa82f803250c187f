import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * The reads the platform records (Ley 29733: who saw a person's data). A closed set, the same as the
 * table's CHECK (migration 1766500000000). A change of a case is never one of these: it goes to the
 * entity's hash chain (`AuditTrail`).
 */
export type AccionDeAcceso =
  /** A case's page or API read by staff (hoja, people, timeline). `detalle`: code, roles of the people shown. */
  | 'caso_consultado'
  /** One of a case's files opened by staff. `detalle`: code, file id (never its name), format if converted. */
  | 'adjunto_descargado'
  /** A case's messages listed by staff. `detalle`: code, how many, recipients whole or masked. */
  | 'mensajes_consultados'
  /** A page of the inbox (names of the reclamantes shown). `detalle`: filters, order, the codes listed. */
  | 'bandeja_consultada'
  /** The inbox as CSV (codes only). `detalle`: as bandeja_consultada. */
  | 'bandeja_exportada'
  /** An entity's figures read on the console (aggregates). `detalle`: the view and period or filters. */
  | 'cifras_consultadas'
  /** A case disclosed in an access request (libs/atencion retencion). `detalle`: code, request id, document HMAC, format. */
  | 'datos_personales_exportados'
  /** An evidence file of an improvement action opened. `detalle`: action and file ids. */
  | 'accion_mejora_evidencia_descargada';

export interface Acceso {
  entidadId: string;
  reclamoId: string | null;
  actor: { id: string; rol: string };
  /** As the audit trail stores it: the client address the app resolved (TRUST_PROXY), or null. */
  ip: string | null;
  accion: AccionDeAcceso;
  /** Ids, codes, filters and counts only: no names, documents, addresses or file names. */
  detalle: Record<string, unknown>;
  ocurridoEn: Date;
}

/**
 * The only writer of `registro_acceso`, the log of reads. One INSERT, in the caller's transaction when
 * it has one (so a read that could not be recorded is not served), taking no row lock and waiting on
 * none: reads of one entity no longer queue behind its writes, as they did while they were entries of
 * its hash chain (the load drill of issue #14). The table refuses UPDATE, DELETE and TRUNCATE (trigger).
 */
@Injectable()
export class RegistroDeAcceso {
  async registrar(manager: EntityManager, acceso: Acceso): Promise<void> {
    await this.registrarMuchos(manager, [acceso]);
  }

  /** Many reads (a ranking lists every entity) in one statement, in the order given. */
  async registrarMuchos(manager: EntityManager, accesos: readonly Acceso[]): Promise<void> {
    if (accesos.length === 0) return;
    const column = <T>(pick: (a: Acceso) => T): T[] => accesos.map(pick);
    await manager.query(
      `INSERT INTO registro_acceso (entidad_id, reclamo_id, actor_id, actor_rol, ip, accion, detalle, ocurrido_en)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::timestamptz[])`,
      [
        column((a) => a.entidadId),
        column((a) => a.reclamoId),
        column((a) => a.actor.id),
        column((a) => a.actor.rol),
        column((a) => a.ip),
        column((a) => a.accion),
        column((a) => JSON.stringify(a.detalle)),
        column((a) => a.ocurridoEn.toISOString()),
      ],
    );
  }
}
