import { GENESIS_HASH, hashAuditEntry } from './audit-hash';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}',
    );
  });
});

describe('hashAuditEntry', () => {
  const content = {
    entidadId: '00000000-0000-0000-0000-000000000001',
    secuencia: '1',
    reclamoId: null,
    actorId: '00000000-0000-0000-0000-000000000002',
    actorRol: 'oficial',
    ip: '127.0.0.1',
    accion: 'caso_consultado',
    detalle: { b: 2, a: 1 },
    ocurridoEn: '2026-11-23T15:00:00.000Z',
  };

  it('does not depend on key order and changes with the previous hash or any field', () => {
    const base = hashAuditEntry(GENESIS_HASH, content);
    expect(hashAuditEntry(GENESIS_HASH, { ...content, detalle: { a: 1, b: 2 } })).toBe(base);
    expect(hashAuditEntry('f'.repeat(64), content)).not.toBe(base);
    expect(hashAuditEntry(GENESIS_HASH, { ...content, ip: '10.0.0.1' })).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});
