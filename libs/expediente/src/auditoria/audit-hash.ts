import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The hash an entity's chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an audit entry says; exactly these fields are hashed. */
export interface AuditContent {
  entidadId: string;
  secuencia: string;
  reclamoId: string | null;
  actorId: string;
  actorRol: string;
  ip: string | null;
  accion: string;
  detalle: Record<string, unknown>;
  /** ISO 8601 instant. */
  ocurridoEn: string;
}

/** sha256 over the previous entry's hash followed by the canonical JSON of this entry. */
export function hashAuditEntry(previousHash: string, content: AuditContent): string {
  return createHash('sha256').update(previousHash).update(canonicalJson(content)).digest('hex');
}
