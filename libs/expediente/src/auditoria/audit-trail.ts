import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditContent, GENESIS_HASH, hashAuditEntry } from './audit-hash';

export interface AuditEntry {
  entidadId: string;
  reclamoId: string | null;
  actor: { id: string; rol: string };
  ip: string | null;
  accion: string;
  detalle: Record<string, unknown>;
  ocurridoEn: Date;
}

/**
 * The audit trail's actor for what the platform does by itself (sweeps). `auditoria.actor_id` is
 * NOT NULL and has no foreign key; the nil UUID with role 'sistema' cannot be mistaken for a person.
 */
export const ACTOR_SISTEMA = { id: '00000000-0000-0000-0000-000000000000', rol: 'sistema' } as const;

/**
 * The audit trail's actor for what a citizen does on the platform (no account: they prove who they are
 * with the code and their document, or a link only they received). A fixed id of its own, role
 * 'ciudadano'; the IP is kept beside it as for staff.
 */
export const ACTOR_CIUDADANO = { id: '00000000-0000-0000-0000-000000000001', rol: 'ciudadano' } as const;

/**
 * The only writer of `auditoria` and `auditoria_cadena`. Appends to an entity's hash chain inside
 * the caller's transaction. The chain head row is locked FOR UPDATE, so entries of one entity are
 * written one at a time, get consecutive sequence numbers and each carries the hash of the one
 * before; entities do not wait on each other. The table itself refuses UPDATE and DELETE
 * (trigger), so the application can only add.
 */
@Injectable()
export class AuditTrail {
  async append(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await this.appendMany(manager, [entry]);
  }

  /**
   * Many entries (a sweep, a recompute) in as few statements as the chain allows: per entity, one
   * head lock, the hashes computed here in order, one multi-row INSERT and one head update.
   * Entities are taken in id order, so two writers always lock chain heads in the same order (no
   * deadlock between sweeps); entries keep their given order within an entity.
   */
  async appendMany(manager: EntityManager, entries: readonly AuditEntry[]): Promise<void> {
    const byEntity = new Map<string, AuditEntry[]>();
    for (const entry of entries) {
      const list = byEntity.get(entry.entidadId);
      if (list) list.push(entry);
      else byEntity.set(entry.entidadId, [entry]);
    }
    for (const entidadId of [...byEntity.keys()].sort()) {
      await this.appendToChain(manager, entidadId, byEntity.get(entidadId)!);
    }
  }

  private async appendToChain(manager: EntityManager, entidadId: string, entries: readonly AuditEntry[]): Promise<void> {
    await manager.query(
      `INSERT INTO auditoria_cadena (entidad_id, secuencia, ultimo_hash) VALUES ($1, 0, $2) ON CONFLICT (entidad_id) DO NOTHING`,
      [entidadId, GENESIS_HASH],
    );
    const [head]: Array<{ secuencia: string; ultimo_hash: string }> = await manager.query(
      `SELECT secuencia::text AS secuencia, ultimo_hash FROM auditoria_cadena WHERE entidad_id = $1 FOR UPDATE`,
      [entidadId],
    );
    let secuencia = BigInt(head.secuencia);
    let anterior = head.ultimo_hash;
    const rows: Array<{ content: AuditContent; anterior: string; hash: string }> = [];
    for (const entry of entries) {
      secuencia += 1n;
      // What is hashed is exactly what jsonb will give back (no undefined, no Dates, no class instances).
      const detalle = JSON.parse(JSON.stringify(entry.detalle)) as Record<string, unknown>;
      const content: AuditContent = {
        entidadId,
        secuencia: secuencia.toString(),
        reclamoId: entry.reclamoId,
        actorId: entry.actor.id,
        actorRol: entry.actor.rol,
        ip: entry.ip,
        accion: entry.accion,
        detalle,
        ocurridoEn: entry.ocurridoEn.toISOString(),
      };
      const hash = hashAuditEntry(anterior, content);
      rows.push({ content, anterior, hash });
      anterior = hash;
    }
    const column = <T>(pick: (row: (typeof rows)[number]) => T): T[] => rows.map(pick);
    await manager.query(
      `INSERT INTO auditoria (entidad_id, secuencia, reclamo_id, actor_id, actor_rol, ip, accion, detalle, ocurrido_en, hash_anterior, hash)
       SELECT $1, * FROM unnest($2::bigint[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::timestamptz[],
                                $10::text[], $11::text[])`,
      [
        entidadId,
        column((r) => r.content.secuencia),
        column((r) => r.content.reclamoId),
        column((r) => r.content.actorId),
        column((r) => r.content.actorRol),
        column((r) => r.content.ip),
        column((r) => r.content.accion),
        column((r) => JSON.stringify(r.content.detalle)),
        column((r) => r.content.ocurridoEn),
        column((r) => r.anterior),
        column((r) => r.hash),
      ],
    );
    await manager.query(`UPDATE auditoria_cadena SET secuencia = $2, ultimo_hash = $3 WHERE entidad_id = $1`, [
      entidadId,
      secuencia.toString(),
      anterior,
    ]);
  }
}
