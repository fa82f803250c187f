import { DataSource } from 'typeorm';
import { AuditContent, GENESIS_HASH, hashAuditEntry } from './audit-hash';

export interface AuditChainFault {
  entidadId: string;
  /** Id of the first entry that does not check out (null when entries are missing at the end). */
  id: string | null;
  secuencia: string;
  motivo: string;
}

export interface AuditChainReport {
  entidades: number;
  entradas: number;
  /** The first bad entry of each broken chain; empty when every chain checks out. */
  fallas: AuditChainFault[];
}

interface Row {
  id: string;
  entidad_id: string;
  secuencia: string;
  reclamo_id: string | null;
  actor_id: string;
  actor_rol: string;
  ip: string | null;
  accion: string;
  detalle: Record<string, unknown>;
  ocurrido_en: Date;
  hash_anterior: string;
  hash: string;
}

const PAGE = 5000;

/**
 * Re-computes every entity's chain from its first entry: consecutive sequence numbers, each
 * entry pointing at the previous hash, each hash matching its content, and the chain head
 * pointing at the last entry (so removing entries at the end is caught too).
 */
export async function verifyAuditChain(dataSource: DataSource, entidadIds?: readonly string[]): Promise<AuditChainReport> {
  const heads: Array<{ entidad_id: string; secuencia: string; ultimo_hash: string }> = await dataSource.query(
    `SELECT entidad_id, secuencia::text AS secuencia, ultimo_hash FROM auditoria_cadena
      WHERE $1::uuid[] IS NULL OR entidad_id = ANY ($1::uuid[]) ORDER BY entidad_id`,
    [entidadIds ?? null],
  );
  const report: AuditChainReport = { entidades: heads.length, entradas: 0, fallas: [] };
  for (const head of heads) {
    const fault = await verifyEntity(dataSource, head, (n) => (report.entradas += n));
    if (fault) report.fallas.push(fault);
  }
  return report;
}

async function verifyEntity(
  dataSource: DataSource,
  head: { entidad_id: string; secuencia: string; ultimo_hash: string },
  count: (n: number) => void,
): Promise<AuditChainFault | null> {
  let previousHash = GENESIS_HASH;
  let expected = 1n;
  for (;;) {
    const rows: Row[] = await dataSource.query(
      `SELECT a.id::text AS id, a.entidad_id, a.secuencia::text AS secuencia, reclamo_id, actor_id, actor_rol, ip, accion, detalle,
              ocurrido_en, hash_anterior, hash
         FROM auditoria a WHERE a.entidad_id = $1 AND a.secuencia >= $2 ORDER BY a.secuencia LIMIT ${PAGE}`,
      [head.entidad_id, expected.toString()],
    );
    count(rows.length);
    for (const row of rows) {
      const fault = (motivo: string): AuditChainFault => ({ entidadId: row.entidad_id, id: row.id, secuencia: row.secuencia, motivo });
      if (BigInt(row.secuencia) !== expected) return fault(`falta la entrada ${expected.toString()} de la cadena`);
      if (row.hash_anterior !== previousHash) return fault('no apunta al hash de la entrada anterior');
      const content: AuditContent = {
        entidadId: row.entidad_id,
        secuencia: row.secuencia,
        reclamoId: row.reclamo_id,
        actorId: row.actor_id,
        actorRol: row.actor_rol,
        ip: row.ip,
        accion: row.accion,
        detalle: row.detalle,
        ocurridoEn: row.ocurrido_en.toISOString(),
      };
      if (hashAuditEntry(previousHash, content) !== row.hash) return fault('su contenido no coincide con su hash (fue alterada)');
      previousHash = row.hash;
      expected += 1n;
    }
    if (rows.length < PAGE) break;
  }
  const last = (expected - 1n).toString();
  if (last !== head.secuencia || previousHash !== head.ultimo_hash) {
    return { entidadId: head.entidad_id, id: null, secuencia: head.secuencia, motivo: `la cadena termina en ${last} pero su cabecera indica ${head.secuencia} (faltan entradas)` };
  }
  return null;
}
