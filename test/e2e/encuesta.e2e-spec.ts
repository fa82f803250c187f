import { addDays } from '@app/calendar';
import { EstadoReclamo } from '@app/domain';
import { formatIsoDate } from '@app/platform/http';
import { ReceiptTokens } from '@app/reclamos';
import { StaffUser } from '@app/staff';
import { insertReclamo, insertStaff } from '../support/atencion-factory';
import { BackofficeHarness, startBackofficeApp } from '../support/backoffice-harness';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, uniqueCode } from '../support/db';
import { Mensajeria } from '../support/mensajeria';

const DOCUMENTO = '40271593';
const VALIDAS = { satisfaccionGeneral: '4', rapidez: '3', claridad: '5', trato: '4', resuelto: 'en_parte', comentario: 'Tardaron, pero me explicaron bien.' };

/**
 * The satisfaction survey: one per reclamo, only after the answer is notified, only with its own
 * token; every question but the comment required, errors in Spanish naming the field, and nothing
 * stored but the answers (no personal data).
 */
describe('encuesta de satisfacción', () => {
  let citizen: CitizenHarness;
  let backoffice: BackofficeHarness;
  let mensajeria: Mensajeria;
  let tokens: ReceiptTokens;
  let responsable: StaffUser;
  let entidad: { id: string; codigo: string };

  beforeAll(async () => {
    const now = new Date();
    [citizen, backoffice, mensajeria] = await Promise.all([startCitizenApp(now), startBackofficeApp(now), Mensajeria.start()]);
    tokens = citizen.app.get(ReceiptTokens);
    entidad = await createTestEntidad(backoffice.dataSource, uniqueCode('ENC'));
    responsable = await insertStaff(backoffice.dataSource, 'responsable_titular', entidad.id);
  });
  afterAll(async () => {
    await Promise.all([citizen?.close(), backoffice?.close(), mensajeria?.close()]);
  });

  async function reclamo(notificado: boolean): Promise<{ id: string; codigo: string }> {
    const r = await insertReclamo(backoffice.dataSource, entidad, { estado: EstadoReclamo.RESPONDIDO, asignadoA: responsable.id, respuesta: 'aprobada', numeroDocumento: DOCUMENTO });
    if (notificado) await mensajeria.notificarPorCorreo({ actor: responsable, entidadId: entidad.id, reclamoId: r.id });
    return r;
  }
  /** Opens the survey page and reads it to the end (an unread body keeps its connection busy). */
  const open = async (codigo: string, t: string): Promise<{ status: number; text: () => Promise<string> }> => {
    const response = await fetch(`${citizen.baseUrl}/encuesta?${new URLSearchParams({ codigo, t }).toString()}`, { headers: { accept: 'text/html' } });
    const html = await response.text();
    return { status: response.status, text: async () => html };
  };
  const send = (fields: Record<string, string>) =>
    fetch(`${citizen.baseUrl}/encuesta`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams(fields).toString(),
    });
  const rows = async (reclamoId: string) =>
    backoffice.dataSource.query<Array<Record<string, unknown>>>(`SELECT * FROM encuesta WHERE reclamo_id = $1`, [reclamoId]);

  it('opens only with its own token and only once the answer was notified', async () => {
    const notificado = await reclamo(true);
    const otro = await reclamo(true);
    const pendiente = await reclamo(false);
    expect((await open(notificado.codigo, tokens.tokenFor(notificado.codigo, 'encuesta'))).status).toBe(200);
    // Another reclamo's token, the receipt's token of the same reclamo, no token, a code not notified yet: the same 404.
    expect((await open(notificado.codigo, tokens.tokenFor(otro.codigo, 'encuesta'))).status).toBe(404);
    expect((await open(notificado.codigo, tokens.tokenFor(notificado.codigo))).status).toBe(404);
    expect((await open(notificado.codigo, '')).status).toBe(404);
    expect((await open(pendiente.codigo, tokens.tokenFor(pendiente.codigo, 'encuesta'))).status).toBe(404);
  });

  it('is open for 30 calendar days after the notification; then the link is gone (410) and an answer stores nothing', async () => {
    const r = await reclamo(true);
    const t = tokens.tokenFor(r.codigo, 'encuesta');
    const [{ fecha }]: Array<{ fecha: string }> = await backoffice.dataSource.query(`SELECT fecha::text AS fecha FROM notificacion_respuesta WHERE reclamo_id = $1`, [r.id]);
    const ultimoDia = addDays(fecha, 30);
    const abierta = await open(r.codigo, t);
    expect(abierta.status).toBe(200);
    expect(await abierta.text()).toContain(`Puede responder hasta el ${formatIsoDate(ultimoDia)}`);
    const antes = citizen.clock.now();
    try {
      // The last day still opens it; the day after, it is closed (Lima dates).
      citizen.clock.set(new Date(`${ultimoDia}T23:00:00-05:00`));
      expect((await open(r.codigo, t)).status).toBe(200);
      citizen.clock.set(new Date(`${addDays(ultimoDia, 1)}T08:00:00-05:00`));
      const cerrada = await open(r.codigo, t);
      expect(cerrada.status).toBe(410);
      expect(await cerrada.text()).toContain(`El plazo para responder la encuesta de este reclamo terminó el ${formatIsoDate(ultimoDia)}`);
      const tarde = await send({ codigo: r.codigo, t, ...VALIDAS });
      expect(tarde.status).toBe(410);
      await tarde.text();
      expect(await rows(r.id)).toEqual([]);
      // Another case's token is still a 404, not a hint that this one exists.
      expect((await open(r.codigo, tokens.tokenFor('OTRO-2026-000001', 'encuesta'))).status).toBe(404);
    } finally {
      citizen.clock.set(antes);
    }
  });

  it('refuses bad answers naming each field in Spanish, storing nothing', async () => {
    const r = await reclamo(true);
    const t = tokens.tokenFor(r.codigo, 'encuesta');
    const response = await send({ codigo: r.codigo, t, satisfaccionGeneral: '7', rapidez: '', claridad: 'muy', trato: '0', resuelto: 'tal vez', comentario: 'x'.repeat(2001) });
    expect(response.status).toBe(422);
    const html = await response.text();
    for (const [campo, texto] of [
      ['satisfaccionGeneral', 'Satisfacción general: elija una opción del 1 al 5'],
      ['rapidez', 'Rapidez: elija una opción del 1 al 5'],
      ['claridad', 'Claridad de la respuesta: elija una opción del 1 al 5'],
      ['trato', 'Trato y confianza: elija una opción del 1 al 5'],
      ['resuelto', '¿Se resolvió su problema?: indique si su problema se resolvió: sí, en parte o no'],
      ['comentario', 'Comentario: escriba como máximo 2000 caracteres'],
    ]) {
      expect(html).toContain(`href="#${campo}"`);
      expect(html).toContain(texto);
    }
    expect(await rows(r.id)).toHaveLength(0);
  });

  it('stores one answer per reclamo, without personal data, and refuses a second one', async () => {
    const r = await reclamo(true);
    const t = tokens.tokenFor(r.codigo, 'encuesta');
    const first = await send({ codigo: r.codigo, t, ...VALIDAS });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Gracias por responder');
    const stored = await rows(r.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ entidad_id: entidad.id, satisfaccion_general: 4, rapidez: 3, claridad: 5, trato: 4, resuelto: 'en_parte', comentario: VALIDAS.comentario });
    // `xid`: the id of the transaction that wrote the row, which the figures' rollups follow (no personal datum).
    expect(Object.keys(stored[0]).sort()).toEqual(
      ['claridad', 'comentario', 'entidad_id', 'rapidez', 'reclamo_id', 'resuelto', 'respondida_en', 'satisfaccion_general', 'trato', 'xid'].sort(),
    );

    const second = await send({ codigo: r.codigo, t, ...VALIDAS, satisfaccionGeneral: '1' });
    expect(second.status).toBe(409);
    expect(await second.text()).toContain('ya respondió la encuesta');
    expect(await rows(r.id)).toEqual(stored);
    // The link still opens, and says it was answered.
    const again = await open(r.codigo, t);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('ya respondió la encuesta');
  });

  it('is offered on the tracking page after the answer, and no longer once answered', async () => {
    const r = await reclamo(true);
    const lookup = async () =>
      (
        await fetch(`${citizen.baseUrl}/seguimiento`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
          body: new URLSearchParams({ codigo: r.codigo, documento: DOCUMENTO }).toString(),
        })
      ).text();
    const html = await lookup();
    const href = /<a class="button" href="([^"]+)">Califique la atención de su reclamo<\/a>/.exec(html)?.[1]?.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(href).toBeDefined();
    const form = await fetch(`${citizen.baseUrl}${href}`, { headers: { accept: 'text/html' } });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('Encuesta de satisfacción');
    const url = new URL(`${citizen.baseUrl}${href}`);
    expect((await send({ codigo: r.codigo, t: url.searchParams.get('t')!, ...VALIDAS })).status).toBe(200);
    const after = await lookup();
    expect(after).not.toContain('Califique la atención de su reclamo');
    expect(after).toContain('ya calificó la atención');
  });
});
