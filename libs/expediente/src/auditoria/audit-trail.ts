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
   * Many entries (a sweep, a recompute, a console read of many entities' figures) in four statements
   * whatever the number of entities: every chain's head row made sure of, all the heads locked by one
   * SELECT … ORDER BY entidad_id FOR UPDATE (so two writers always lock heads in the same order: no
   * deadlock between sweeps), the hashes computed here in order, one multi-row INSERT and one UPDATE of
   * the heads. Entries keep their given order within an entity.
   */
  async appendMany(manager: EntityManager, entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const byEntity = new Map<string, AuditEntry[]>();
    for (const entry of entries) {
      // As PostgreSQL prints a uuid, so the locked heads below find their entries.
      const entidadId = entry.entidadId.toLowerCase();
      const list = byEntity.get(entidadId);
      if (list) list.push(entry);
      else byEntity.set(entidadId, [entry]);
    }
    const entidadIds = [...byEntity.keys()].sort();
    await manager.query(
      `INSERT INTO auditoria_cadena (entidad_id, secuencia, ultimo_hash)
       SELECT e, 0, $2 FROM unnest($1::uuid[]) AS e ORDER BY e ON CONFLICT (entidad_id) DO NOTHING`,
      [entidadIds, GENESIS_HASH],
    );
    const heads: Array<{ entidad_id: string; secuencia: string; ultimo_hash: string }> = await manager.query(
      `SELECT entidad_id, secuencia::text AS secuencia, ultimo_hash FROM auditoria_cadena
        WHERE entidad_id = ANY ($1::uuid[]) ORDER BY entidad_id FOR UPDATE`,
      [entidadIds],
    );
    if (heads.length !== entidadIds.length) throw new Error(`auditoria_cadena: ${entidadIds.length - heads.length} cadenas no encontradas`);
    const rows: Array<{ content: AuditContent; anterior: string; hash: string }> = [];
    const newHeads: Array<{ entidadId: string; secuencia: string; hash: string }> = [];
    for (const head of heads) {
      let secuencia = BigInt(head.secuencia);
      let anterior = head.ultimo_hash;
      for (const entry of byEntity.get(head.entidad_id) ?? []) {
        secuencia += 1n;
        // What is hashed is exactly what jsonb will give back (no undefined, no Dates, no class instances).
        const detalle = JSON.parse(JSON.stringify(entry.detalle)) as Record<string, unknown>;
        const content: AuditContent = {
          entidadId: head.entidad_id,
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
      newHeads.push({ entidadId: head.entidad_id, secuencia: secuencia.toString(), hash: anterior });
    }
    const column = <T>(pick: (row: (typeof rows)[number]) => T): T[] => rows.map(pick);
    await manager.query(
      `INSERT INTO auditoria (entidad_id, secuencia, reclamo_id, actor_id, actor_rol, ip, accion, detalle, ocurrido_en, hash_anterior, hash)
       SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::timestamptz[],
                            $10::text[], $11::text[])`,
      [
        column((r) => r.content.entidadId),
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
    await manager.query(
      `UPDATE auditoria_cadena c SET secuencia = v.secuencia, ultimo_hash = v.hash
         FROM unnest($1::uuid[], $2::bigint[], $3::text[]) AS v(entidad_id, secuencia, hash) WHERE c.entidad_id = v.entidad_id`,
      [newHeads.map((h) => h.entidadId), newHeads.map((h) => h.secuencia), newHeads.map((h) => h.hash)],
    );
  }
}
