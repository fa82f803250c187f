import { insertReclamo } from '../support/atencion-factory';
import { BackofficeHarness, createTestStaff, Json, sessionCookieOf, startBackofficeApp } from '../support/backoffice-harness';
import { createTestEntidad, uniqueCode } from '../support/db';

/**
 * The address stored with a session and with every audit entry is the client's: the socket's, or
 * what a proxy named in TRUSTED_PROXIES reports; never a header the client writes. The harness
 * reads TRUSTED_PROXIES when it starts an app, so this file starts one without and one with it.
 */
const FORGED = '<script>alert(1)</script>';

describe('client address in sessions and the audit trail', () => {
  let h: BackofficeHarness;
  let entidad: { id: string; codigo: string };
  let reclamoId: string;

  beforeAll(async () => {
    delete process.env.TRUSTED_PROXIES;
    h = await startBackofficeApp();
    entidad = await createTestEntidad(h.dataSource, uniqueCode('IPS'));
    reclamoId = (await insertReclamo(h.dataSource, entidad)).id;
  });
  afterAll(async () => {
    await h.close();
  });

  /** Signs in and opens the case (an audited read of personal data), both with this X-Forwarded-For. */
  async function signInAndOpenCase(app: BackofficeHarness, forwardedFor: string): Promise<{ sesionIp: string | null; auditoriaIp: string | null }> {
    // A member of its own each time, so "the session" is their only one.
    const responsable = await createTestStaff(app.dataSource, { rol: 'responsable_titular', entidadId: entidad.id });
    const response = await fetch(`${app.baseUrl}/api/v1/sesion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ email: responsable.email, password: responsable.password }),
    });
    expect(response.status).toBe(200);
    const cookie = sessionCookieOf(response)!;
    expect(((await response.json()) as Json).usuario).toBeDefined();
    const caso = await fetch(`${app.baseUrl}/api/v1/casos/${reclamoId}`, { headers: { cookie, accept: 'application/json', 'x-forwarded-for': forwardedFor } });
    expect(caso.status).toBe(200);
    const [sesion]: Array<{ ip: string | null }> = await app.dataSource.query(
      `SELECT ip FROM sesion WHERE usuario_id = $1`,
      [responsable.id],
    );
    const [auditoria]: Array<{ ip: string | null }> = await app.dataSource.query(
      `SELECT ip FROM registro_acceso WHERE entidad_id = $1 AND actor_id = $2 AND accion = 'caso_consultado'`,
      [entidad.id, responsable.id],
    );
    return { sesionIp: sesion.ip, auditoriaIp: auditoria.ip };
  }

  it('without TRUSTED_PROXIES a forged X-Forwarded-For reaches neither the session nor the audit trail', async () => {
    expect(await signInAndOpenCase(h, FORGED)).toEqual({ sesionIp: '127.0.0.1', auditoriaIp: '127.0.0.1' });
    expect(await signInAndOpenCase(h, '203.0.113.9')).toEqual({ sesionIp: '127.0.0.1', auditoriaIp: '127.0.0.1' });
  });

  it('behind a trusted proxy the forwarded client address is stored; a non-address from it is not', async () => {
    process.env.TRUSTED_PROXIES = '127.0.0.1';
    const behindProxy = await startBackofficeApp();
    try {
      // The proxy appended the client it saw (203.0.113.7) after what the client itself wrote.
      expect(await signInAndOpenCase(behindProxy, `198.51.100.1, 203.0.113.7`)).toEqual({ sesionIp: '203.0.113.7', auditoriaIp: '203.0.113.7' });
      // A proxy that passes a client's header on unchecked: the string is not an address, the socket's is kept.
      expect(await signInAndOpenCase(behindProxy, FORGED)).toEqual({ sesionIp: '127.0.0.1', auditoriaIp: '127.0.0.1' });
      // This file's own rows only: its entity's audit chain and log of reads, and its members' sessions.
      const [{ forjadas }]: Array<{ forjadas: string }> = await behindProxy.dataSource.query(
        `SELECT (SELECT count(*) FROM auditoria WHERE entidad_id = $1 AND ip LIKE '%<%')
              + (SELECT count(*) FROM registro_acceso WHERE entidad_id = $1 AND ip LIKE '%<%')
              + (SELECT count(*) FROM sesion s JOIN usuario u ON u.id = s.usuario_id WHERE u.entidad_id = $1 AND s.ip LIKE '%<%') AS forjadas`,
        [entidad.id],
      );
      expect(Number(forjadas)).toBe(0);
    } finally {
      delete process.env.TRUSTED_PROXIES;
      await behindProxy.close();
    }
  });
});
