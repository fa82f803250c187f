import { createHash } from 'node:crypto';

/**
 * The platform's own UUID namespace. Fixed forever: changing it changes every seeded
 * catalogue id, and with them the fixtures that refer to those ids.
 */
export const SEED_UUID_NAMESPACE = 'b5934a07-fa9b-4f6e-b923-b761663c5cc3';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An RFC 4122 version-5 UUID (SHA-1 of namespace + name): the same name always gives the same id. */
export function deterministicUuid(name: string, namespace: string = SEED_UUID_NAMESPACE): string {
  if (!UUID.test(namespace)) throw new RangeError(`deterministicUuid: namespace "${namespace}" is not a UUID`);
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type CatalogoTabla = 'sede' | 'unidad_organica' | 'servicio';

/**
 * The id the seed gives a catalogue row, derived from the entity's code, the table and
 * the row's name, so fixtures and demos can refer to seeded sedes, unidades and
 * services by a fixed id on any database.
 */
export function catalogoId(entidadCodigo: string, tabla: CatalogoTabla, nombre: string): string {
  return deterministicUuid(`${entidadCodigo}:${tabla}:${nombre}`);
}
