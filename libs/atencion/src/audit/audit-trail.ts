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
 * Appends to an entity's hash chain inside the caller's transaction. The chain head row is
 * locked FOR UPDATE, so entries of one entity are written one at a time, get consecutive
 * sequence numbers and each carries the hash of the one before; entities do not wait on each
 * other. The table itself refuses UPDATE and DELETE (trigger), so the application can only add.
 */
@Injectable()
export class AuditTrail {
  async append(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO auditoria_cadena (entidad_id, secuencia, ultimo_hash) VALUES ($1, 0, $2) ON CONFLICT (entidad_id) DO NOTHING`,
      [entry.entidadId, GENESIS_HASH],
    );
    const [head]: Array<{ secuencia: string; ultimo_hash: string }> = await manager.query(
      `SELECT secuencia::text AS secuencia, ultimo_hash FROM auditoria_cadena WHERE entidad_id = $1 FOR UPDATE`,
      [entry.entidadId],
    );
    const secuencia = (BigInt(head.secuencia) + 1n).toString();
    // What is hashed is exactly what jsonb will give back (no undefined, no Dates, no class instances).
    const detalle = JSON.parse(JSON.stringify(entry.detalle)) as Record<string, unknown>;
    const content: AuditContent = {
      entidadId: entry.entidadId,
      secuencia,
      reclamoId: entry.reclamoId,
      actorId: entry.actor.id,
      actorRol: entry.actor.rol,
      ip: entry.ip,
      accion: entry.accion,
      detalle,
      ocurridoEn: entry.ocurridoEn.toISOString(),
    };
    const hash = hashAuditEntry(head.ultimo_hash, content);
    await manager.query(
      `INSERT INTO auditoria (entidad_id, secuencia, reclamo_id, actor_id, actor_rol, ip, accion, detalle, ocurrido_en, hash_anterior, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        entry.entidadId,
        secuencia,
        entry.reclamoId,
        entry.actor.id,
        entry.actor.rol,
        entry.ip,
        entry.accion,
        detalle,
        entry.ocurridoEn,
        head.ultimo_hash,
        hash,
      ],
    );
    await manager.query(`UPDATE auditoria_cadena SET secuencia = $2, ultimo_hash = $3 WHERE entidad_id = $1`, [
      entry.entidadId,
      secuencia,
      hash,
    ]);
  }
}
