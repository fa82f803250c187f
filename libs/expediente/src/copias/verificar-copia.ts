import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { verifyAuditChain } from '../auditoria/verify-audit-chain';

/** One attachment row whose file is missing or differs from what was recorded at filing. */
export interface AdjuntoDefectuoso {
  readonly id: string;
  readonly claveAlmacen: string;
  readonly motivo: 'falta el archivo' | 'el tamaño no coincide' | 'el SHA-256 no coincide';
}

export interface VerificacionCopia {
  /** Audit entries and entity chains checked; `fallas` names the first bad entry of each broken chain. */
  readonly auditoria: { readonly entidades: number; readonly entradas: number; readonly fallas: number };
  readonly reclamos: number;
  readonly eventos: number;
  readonly adjuntos: { readonly revisados: number; readonly defectuosos: readonly AdjuntoDefectuoso[] };
  /** True when every chain verifies and every attachment is there, byte for byte. */
  readonly integra: boolean;
}

async function sha256DeArchivo(path: string): Promise<{ sha256: string; bytes: number } | null> {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      hash.update(chunk);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * Checks a restored deployment (the backup procedure, config/scripts/restore.sh): every entity's audit
 * hash chain (consecutive, linked, each hash matching its content), and every `adjunto` row's file in
 * the attachment directory `raizAdjuntos` (the local store's layout: `<raiz>/<clave_almacen>`) with the
 * size and SHA-256 recorded when it was received. With `entidadIds`, only those entities' chains and
 * attachments. Reads only; the attachments one at a time, streamed.
 */
export async function verificarCopia(dataSource: DataSource, raizAdjuntos: string, entidadIds?: readonly string[]): Promise<VerificacionCopia> {
  const ids = entidadIds && entidadIds.length > 0 ? [...entidadIds] : null;
  const auditoria = await verifyAuditChain(dataSource, ids ?? undefined);
  const [cuenta]: Array<{ reclamos: number; eventos: number }> = await dataSource.query(
    `SELECT (SELECT count(*) FROM reclamo WHERE $1::uuid[] IS NULL OR entidad_id = ANY ($1::uuid[]))::int AS reclamos,
            (SELECT count(*) FROM reclamo_evento WHERE $1::uuid[] IS NULL OR entidad_id = ANY ($1::uuid[]))::int AS eventos`,
    [ids],
  );
  const raiz = resolve(raizAdjuntos);
  const defectuosos: AdjuntoDefectuoso[] = [];
  let revisados = 0;
  let desde = '00000000-0000-0000-0000-000000000000';
  // Keyset pages: a deployment holds millions of attachments.
  for (;;) {
    const filas: Array<{ id: string; clave: string; bytes: string; sha256: string }> = await dataSource.query(
      `SELECT a.id, a.clave_almacen AS clave, a.bytes::text AS bytes, a.sha256
         FROM adjunto a JOIN reclamo r ON r.id = a.reclamo_id
        WHERE a.id > $1 AND ($2::uuid[] IS NULL OR r.entidad_id = ANY ($2::uuid[]))
        ORDER BY a.id LIMIT 500`,
      [desde, ids],
    );
    if (filas.length === 0) break;
    for (const fila of filas) {
      revisados += 1;
      const archivo = await sha256DeArchivo(join(raiz, fila.clave));
      if (!archivo) defectuosos.push({ id: fila.id, claveAlmacen: fila.clave, motivo: 'falta el archivo' });
      else if (String(archivo.bytes) !== fila.bytes) defectuosos.push({ id: fila.id, claveAlmacen: fila.clave, motivo: 'el tamaño no coincide' });
      else if (archivo.sha256 !== fila.sha256) defectuosos.push({ id: fila.id, claveAlmacen: fila.clave, motivo: 'el SHA-256 no coincide' });
    }
    desde = filas[filas.length - 1].id;
  }
  return {
    auditoria: { entidades: auditoria.entidades, entradas: auditoria.entradas, fallas: auditoria.fallas.length },
    reclamos: cuenta.reclamos,
    eventos: cuenta.eventos,
    adjuntos: { revisados, defectuosos },
    integra: auditoria.fallas.length === 0 && defectuosos.length === 0,
  };
}
