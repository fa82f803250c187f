import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordSubsanacionUseCase, RequestSubsanacionUseCase, UpdateAjustesUseCase } from '@app/atencion';
import { computeDueDate } from '@app/calendar';
import { EstadoReclamo } from '@app/domain';
import { CalendarRepository, scopeOfEntidad } from '@app/plazos';
import { ReceiptTokens } from '@app/reclamos';
import { StaffUser } from '@app/staff';
import { insertReclamo } from '../support/atencion-factory';
import { BackofficeHarness, createTestStaff, getPage, Json, signIn, startBackofficeApp, TestStaff } from '../support/backoffice-harness';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, uniqueCode, withCalendarLock } from '../support/db';

const DOCUMENTO = '40271593';
const PEDIDO = 'Indique la fecha y la hora en que acudió a la sede, y el número de su ticket.';
const RESPUESTA = 'Acudí el 18 de noviembre a las 9:30; mi ticket fue el A-214. Adjunto la foto del ticket.';
const MINIMAL_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), Buffer.alloc(2048, 0x41)]);

/** Monday 23 November 2026, 10:00 in Lima: a request then has until Wednesday 25, 23:59. */
const LUNES = new Date('2026-11-23T15:00:00Z');
const MIERCOLES = new Date('2026-11-25T17:00:00Z');
const JUEVES = new Date('2026-11-26T15:00:00Z');

type Archivo = { name: string; bytes: Buffer; type?: string };

function multipart(fields: Record<string, string>, files: Archivo[] = []): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const file of files) form.append('adjuntos', new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
  return form;
}

/**
 * Subsanación online: the citizen answers the entity's request for missing information from the
 * e-mail's single-use link, the tracking page or the API. The link is tied to the reclamo and to that
 * request; a reused, expired, earlier or foreign link stores nothing. The reply returns the reclamo to
 * atención, tells its officer, and (entity setting) moves a paused due date by business days.
 */
describe('subsanación online', () => {
  let citizen: CitizenHarness;
  let backoffice: BackofficeHarness;
  let tokens: ReceiptTokens;
  let storageDir: string;
  let entidad: { id: string; codigo: string };
  let ajena: { id: string; codigo: string };
  let responsable: StaffUser;
  let oficial: TestStaff & { user: StaffUser };
  let alterno: TestStaff;
  let personalAjeno: TestStaff;

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'subsanacion-e2e-'));
    // One storage directory for both apps: staff download what the citizen uploaded, and the test counts its own files.
    [citizen, backoffice] = await Promise.all([startCitizenApp(LUNES, { storageDir }), startBackofficeApp(LUNES, { storageDir })]);
    tokens = citizen.app.get(ReceiptTokens);
    entidad = await createTestEntidad(backoffice.dataSource, uniqueCode('SUBS'));
    ajena = await createTestEntidad(backoffice.dataSource, uniqueCode('SUBX'));
    const titular = await createTestStaff(backoffice.dataSource, { rol: 'responsable_titular', entidadId: entidad.id });
    responsable = { id: titular.id, email: titular.email, nombre: titular.nombre, rol: 'responsable_titular', entidadId: entidad.id };
    alterno = await createTestStaff(backoffice.dataSource, { rol: 'responsable_alterno', entidadId: entidad.id });
    const o = await createTestStaff(backoffice.dataSource, { rol: 'oficial', entidadId: entidad.id });
    oficial = { ...o, user: { id: o.id, email: o.email, nombre: o.nombre, rol: 'oficial', entidadId: entidad.id } };
    personalAjeno = await createTestStaff(backoffice.dataSource, { rol: 'responsable_titular', entidadId: ajena.id });
  });
  afterAll(async () => {
    await Promise.all([citizen?.close(), backoffice?.close()]);
    await rm(storageDir, { recursive: true, force: true });
  });

  /** Both apps at the same instant: staff ask at one moment, the citizen answers at another. */
  function at(instant: Date): void {
    citizen.clock.set(instant);
    backoffice.clock.set(instant);
  }

  /** An en_atencion reclamo of the test's entity, assigned (or not) to the officer, then asked for missing information. */
  async function observado(options: { asignado?: boolean; cuando?: Date } = {}): Promise<{ id: string; codigo: string; token: string; eventoId: string }> {
    at(options.cuando ?? LUNES);
    const reclamo = await insertReclamo(backoffice.dataSource, entidad, {
      estado: EstadoReclamo.EN_ATENCION,
      asignadoA: options.asignado === false ? null : oficial.id,
      numeroDocumento: DOCUMENTO,
    });
    return { ...reclamo, ...(await pedir(reclamo)) };
  }

  async function pedir(reclamo: { id: string; codigo: string }): Promise<{ token: string; eventoId: string }> {
    await backoffice.app.get(RequestSubsanacionUseCase).execute({ actor: responsable, entidadId: entidad.id, reclamoId: reclamo.id, motivo: PEDIDO });
    // The token the request e-mail carries: its outbox row names the request's event.
    const [row]: Array<{ eventoId: string }> = await backoffice.dataSource.query(
      `SELECT datos->>'eventoId' AS "eventoId" FROM outbox WHERE reclamo_id = $1 AND tipo = 'solicitud_subsanacion' ORDER BY (datos->>'eventoId')::bigint DESC LIMIT 1`,
      [reclamo.id],
    );
    return { eventoId: row.eventoId, token: tokens.tokenForSubsanacion(reclamo.codigo, row.eventoId) };
  }

  /** Everything a reply writes about one reclamo, so "nothing stored" is these numbers not moving. */
  async function filas(reclamoId: string): Promise<Record<string, unknown>> {
    const [row]: Array<Record<string, unknown>> = await backoffice.dataSource.query(
      `SELECT r.estado, r.subsanacion_vence_el::text AS subsanacion, r.vence_el::text AS vence,
              (SELECT count(*)::int FROM adjunto a WHERE a.reclamo_id = r.id) AS adjuntos,
              (SELECT count(*)::int FROM reclamo_evento e WHERE e.reclamo_id = r.id) AS eventos,
              (SELECT count(*)::int FROM outbox o WHERE o.reclamo_id = r.id) AS mensajes,
              (SELECT count(*)::int FROM auditoria a WHERE a.reclamo_id = r.id) AS auditoria
         FROM reclamo r WHERE r.id = $1`,
      [reclamoId],
    );
    return { ...row, archivos: await storedFileCount() };
  }

  async function storedFileCount(): Promise<number> {
    let total = 0;
    for (const day of await readdir(storageDir).catch(() => [])) total += (await readdir(join(storageDir, day))).length;
    return total;
  }

  const abrir = async (codigo: string, token: string) => {
    const response = await fetch(`${citizen.baseUrl}/subsanacion?${new URLSearchParams({ codigo, token }).toString()}`, { headers: { accept: 'text/html' } });
    return { status: response.status, html: await response.text() };
  };
  const responderPagina = async (codigo: string, token: string, texto: string, archivos: Archivo[] = []) => {
    const response = await fetch(`${citizen.baseUrl}/subsanacion?${new URLSearchParams({ codigo, token }).toString()}`, {
      method: 'POST',
      headers: { accept: 'text/html' },
      body: multipart({ texto }, archivos),
    });
    return { status: response.status, html: await response.text() };
  };
  const responderApi = async (codigo: string, fields: Record<string, string>, archivos: Archivo[] = []) => {
    const response = await fetch(`${citizen.baseUrl}/api/v1/reclamos/${codigo}/subsanacion`, { method: 'POST', body: multipart(fields, archivos) });
    return { status: response.status, body: (await response.json()) as Json };
  };

  it('takes the reply once from the e-mail link: text and files kept, back to atención, timeline, audit, a message to the officer', async () => {
    const reclamo = await observado();
    const pagina = await abrir(reclamo.codigo, reclamo.token);
    expect(pagina.status).toBe(200);
    expect(pagina.html).toContain(PEDIDO);
    expect(pagina.html).toContain('miércoles 25 de noviembre de 2026, 23:59 (hora de Lima)');
    expect(pagina.html).toContain('sigue corriendo');

    at(MIERCOLES);
    const antes = await filas(reclamo.id);
    const enviada = await responderPagina(reclamo.codigo, reclamo.token, RESPUESTA, [{ name: 'ticket.pdf', bytes: MINIMAL_PDF, type: 'application/pdf' }]);
    expect(enviada.status).toBe(200);
    expect(enviada.html).toContain('Recibimos su información');
    const despues = await filas(reclamo.id);
    expect(despues).toMatchObject({
      estado: EstadoReclamo.EN_ATENCION,
      subsanacion: null,
      // Default: the clock does not pause, the due date stays.
      vence: antes.vence,
      adjuntos: Number(antes.adjuntos) + 1,
      eventos: Number(antes.eventos) + 1,
      mensajes: Number(antes.mensajes) + 1,
      auditoria: Number(antes.auditoria) + 1,
      archivos: Number(antes.archivos) + 1,
    });
    const [evento]: Array<Json> = await backoffice.dataSource.query(
      `SELECT actor_tipo, estado_anterior, estado_nuevo, motivo, datos FROM reclamo_evento WHERE reclamo_id = $1 ORDER BY id DESC LIMIT 1`,
      [reclamo.id],
    );
    expect(evento).toMatchObject({
      actor_tipo: 'ciudadano',
      estado_anterior: 'observado',
      estado_nuevo: 'en_atencion',
      motivo: RESPUESTA,
      datos: { accion: 'subsanacion_respondida', solicitudEventoId: reclamo.eventoId, via: 'enlace', pausaPlazo: false },
    });
    const [adjunto]: Array<Json> = await backoffice.dataSource.query(`SELECT id, tipo, nombre_original FROM adjunto WHERE reclamo_id = $1`, [reclamo.id]);
    expect(adjunto).toMatchObject({ tipo: 'subsanacion', nombre_original: 'ticket.pdf' });
    expect(evento.datos.adjuntoIds).toEqual([adjunto.id]);
    const [auditoria]: Array<Json> = await backoffice.dataSource.query(
      `SELECT actor_rol, accion, detalle FROM auditoria WHERE reclamo_id = $1 ORDER BY secuencia DESC LIMIT 1`,
      [reclamo.id],
    );
    expect(auditoria).toMatchObject({ actor_rol: 'ciudadano', accion: 'subsanacion_respondida' });
    expect(JSON.stringify(auditoria.detalle)).not.toContain(RESPUESTA);
    // Only the assigned officer is told.
    const mensajes: Array<Json> = await backoffice.dataSource.query(
      `SELECT destinatario, datos FROM outbox WHERE reclamo_id = $1 AND tipo = 'subsanacion_respondida'`,
      [reclamo.id],
    );
    expect(mensajes).toEqual([{ destinatario: oficial.email, datos: { reclamoId: reclamo.id, eventoId: expect.any(String), usuarioId: oficial.id } }]);

    // The tracking page tells the citizen it was sent.
    const seguimiento = await fetch(`${citizen.baseUrl}/api/v1/reclamos/${reclamo.codigo}?documento=${DOCUMENTO}`);
    const tracked = (await seguimiento.json()) as Json;
    expect(tracked).toMatchObject({ estado: 'en_atencion', subsanacion: null });
    expect((tracked.historial as Array<{ descripcion: string }>).map((h) => h.descripcion)).toContain('Usted envió la información que pidió la entidad. Estado: En atención.');

    // The same link again: a clear "already answered", 409, and nothing more stored.
    const otraVez = await abrir(reclamo.codigo, reclamo.token);
    expect(otraVez.status).toBe(409);
    expect(otraVez.html).toContain('Usted ya respondió esta solicitud');
    const repetida = await responderPagina(reclamo.codigo, reclamo.token, 'Otra vez lo mismo, por si acaso no llegó.', [
      { name: 'otra.pdf', bytes: MINIMAL_PDF, type: 'application/pdf' },
    ]);
    expect(repetida.status).toBe(409);
    expect(repetida.html).toContain('Usted ya respondió esta solicitud');
    expect(await filas(reclamo.id)).toEqual(despues);
  });

  it('shows the officer the reply and its files on the case page (another entity’s staff: 404)', async () => {
    const reclamo = await observado();
    at(MIERCOLES);
    expect((await responderPagina(reclamo.codigo, reclamo.token, RESPUESTA, [{ name: 'ticket.pdf', bytes: MINIMAL_PDF, type: 'application/pdf' }])).status).toBe(200);
    const propio = await signIn(backoffice, oficial.email, oficial.password);
    const ajeno = await signIn(backoffice, personalAjeno.email, personalAjeno.password);
    // The message's link is the case page.
    const caso = await getPage(backoffice, `/casos/${reclamo.id}`, propio.cookie);
    expect(caso.status).toBe(200);
    expect(caso.html).toContain('Información que completó el ciudadano');
    expect(caso.html).toContain(RESPUESTA);
    const href = /<a href="(\/api\/v1\/casos\/[^"]+)" download>ticket\.pdf<\/a>/.exec(caso.html)?.[1];
    expect(href).toBeDefined();
    const descarga = await fetch(`${backoffice.baseUrl}${href}`, { headers: { cookie: propio.cookie } });
    expect(descarga.status).toBe(200);
    expect(Buffer.from(await descarga.arrayBuffer()).equals(MINIMAL_PDF)).toBe(true);
    expect((await getPage(backoffice, `/casos/${reclamo.id}`, ajeno.cookie)).status).toBe(404);
    const ajenaDescarga = await fetch(`${backoffice.baseUrl}${href}`, { headers: { cookie: ajeno.cookie } });
    expect(ajenaDescarga.status).toBe(404);
    await ajenaDescarga.text();
  });

  it('tells the responsables when nobody is assigned', async () => {
    const reclamo = await observado({ asignado: false });
    at(MIERCOLES);
    expect((await responderApi(reclamo.codigo, { documento: DOCUMENTO, texto: RESPUESTA })).status).toBe(200);
    const destinatarios: Array<{ destinatario: string }> = await backoffice.dataSource.query(
      `SELECT destinatario FROM outbox WHERE reclamo_id = $1 AND tipo = 'subsanacion_respondida' ORDER BY destinatario`,
      [reclamo.id],
    );
    expect(destinatarios.map((d) => d.destinatario)).toEqual([responsable.email, alterno.email].sort());
  });

  it('after the window: says it is over and how to file again, stores nothing', async () => {
    const reclamo = await observado();
    at(JUEVES);
    const antes = await filas(reclamo.id);
    const pagina = await abrir(reclamo.codigo, reclamo.token);
    expect(pagina.status).toBe(410);
    expect(pagina.html).toContain('El plazo para completarlo venció el miércoles 25 de noviembre de 2026, 23:59 (hora de Lima)');
    expect(pagina.html).toContain(`href="/e/${entidad.codigo}"`);
    const tarde = await responderPagina(reclamo.codigo, reclamo.token, RESPUESTA, [{ name: 'ticket.pdf', bytes: MINIMAL_PDF, type: 'application/pdf' }]);
    expect(tarde.status).toBe(410);
    expect(tarde.html).toContain('El plazo para completarlo venció');
    const api = await responderApi(reclamo.codigo, { documento: DOCUMENTO, texto: RESPUESTA });
    expect(api).toMatchObject({ status: 410, body: { codigo: 'PLAZO_CERRADO' } });
    expect(String(api.body.mensaje)).toContain(`/e/${entidad.codigo}`);
    expect(await filas(reclamo.id)).toEqual({ ...antes, estado: EstadoReclamo.OBSERVADO });
  });

  it('another reclamo’s token, a made-up token or an earlier request’s link open nothing and store nothing', async () => {
    const reclamo = await observado();
    const otro = await observado();
    at(MIERCOLES);
    const antes = await filas(reclamo.id);
    expect((await abrir(reclamo.codigo, otro.token)).status).toBe(404);
    expect((await responderPagina(reclamo.codigo, otro.token, RESPUESTA)).status).toBe(404);
    expect((await responderPagina(reclamo.codigo, `${reclamo.eventoId}.${'x'.repeat(32)}`, RESPUESTA)).status).toBe(404);
    expect((await responderApi(reclamo.codigo, { token: otro.token, texto: RESPUESTA })).status).toBe(404);
    expect(await filas(reclamo.id)).toEqual(antes);

    // Staff record a reply given in person, then ask again: the first e-mail's link no longer works.
    await backoffice.app.get(RecordSubsanacionUseCase).execute({ actor: responsable, entidadId: entidad.id, reclamoId: reclamo.id, detalle: 'Lo trajo a mesa de partes.' });
    const segunda = await pedir(reclamo);
    const vieja = await abrir(reclamo.codigo, reclamo.token);
    expect(vieja.status).toBe(409);
    expect(vieja.html).toContain('Este enlace es de una solicitud anterior');
    const conVieja = await filas(reclamo.id);
    expect((await responderPagina(reclamo.codigo, reclamo.token, RESPUESTA)).status).toBe(409);
    expect(await filas(reclamo.id)).toEqual(conVieja);
    expect((await abrir(reclamo.codigo, segunda.token)).status).toBe(200);
  });

  it('API: the filer’s document opens it, another document is 404; replies as JSON', async () => {
    const reclamo = await observado();
    at(MIERCOLES);
    const antes = await filas(reclamo.id);
    const ajeno = await responderApi(reclamo.codigo, { documento: '09999999', texto: RESPUESTA });
    expect(ajeno).toMatchObject({ status: 404, body: { codigo: 'RECLAMO_NOT_FOUND' } });
    expect(await filas(reclamo.id)).toEqual(antes);
    const ok = await responderApi(reclamo.codigo, { documento: DOCUMENTO, texto: RESPUESTA }, [{ name: 'ticket.pdf', bytes: MINIMAL_PDF, type: 'application/pdf' }]);
    expect(ok).toMatchObject({ status: 200, body: { codigo: reclamo.codigo, estado: 'en_atencion', vence: antes.vence, diasPausados: 0, adjuntos: 1 } });
    const otraVez = await responderApi(reclamo.codigo, { documento: DOCUMENTO, texto: RESPUESTA });
    expect(otraVez).toMatchObject({ status: 409, body: { codigo: 'CONFLICT' } });
  });

  it('refuses an empty text, a file of a type not allowed and files over 20 MB, naming the field and storing nothing', async () => {
    const reclamo = await observado();
    at(MIERCOLES);
    const antes = await filas(reclamo.id);

    const vacio = await responderApi(reclamo.codigo, { token: reclamo.token, texto: '   ' });
    expect(vacio).toMatchObject({ status: 422, body: { codigo: 'VALIDATION_FAILED', errores: [{ campo: 'texto' }] } });
    const vacioPagina = await responderPagina(reclamo.codigo, reclamo.token, '', [{ name: 'ticket.pdf', bytes: MINIMAL_PDF, type: 'application/pdf' }]);
    expect(vacioPagina.status).toBe(422);
    expect(vacioPagina.html).toContain('href="#texto"');
    expect(vacioPagina.html).toContain('escriba la información que la entidad le pidió');

    const exe = await responderApi(reclamo.codigo, { token: reclamo.token, texto: RESPUESTA }, [
      { name: 'ticket.pdf', bytes: MINIMAL_PDF, type: 'application/pdf' },
      { name: 'foto.pdf', bytes: EXE, type: 'application/pdf' },
    ]);
    expect(exe).toMatchObject({ status: 422, body: { codigo: 'ATTACHMENT_TYPE_NOT_ALLOWED', errores: [{ campo: 'adjuntos' }] } });
    const exePagina = await responderPagina(reclamo.codigo, reclamo.token, RESPUESTA, [{ name: 'foto.pdf', bytes: EXE, type: 'application/pdf' }]);
    expect(exePagina.status).toBe(422);
    expect(exePagina.html).toContain('href="#adjuntos"');

    // Over the budget: the same 413 as a filing, naming the field.
    const once = Buffer.concat([MINIMAL_PDF, Buffer.alloc(11 * 1024 * 1024, 0x20)]);
    const grande = await responderApi(reclamo.codigo, { token: reclamo.token, texto: RESPUESTA }, [
      { name: 'a.pdf', bytes: once, type: 'application/pdf' },
      { name: 'b.pdf', bytes: once, type: 'application/pdf' },
    ]);
    expect(grande).toMatchObject({ status: 413, body: { codigo: 'ATTACHMENT_TOO_LARGE', errores: [{ campo: 'adjuntos' }] } });
    const grandePagina = await responderPagina(reclamo.codigo, reclamo.token, RESPUESTA, [
      { name: 'a.pdf', bytes: once, type: 'application/pdf' },
      { name: 'b.pdf', bytes: once, type: 'application/pdf' },
    ]);
    expect(grandePagina.status).toBe(413);
    expect(grandePagina.html).toContain('href="#adjuntos"');

    // A control character (U+0000) is refused at the door, naming the field, and the citizen's text comes back in the form.
    const nulo = await responderPagina(reclamo.codigo, reclamo.token, `Me atendieron en la sede\u0000 central el lunes.`);
    expect(nulo.status).toBe(422);
    expect(nulo.html).toContain('href="#texto"');
    expect(nulo.html).toContain('Me atendieron en la sede');

    expect(await filas(reclamo.id)).toEqual(antes);
    // Still open: a good reply goes through.
    expect((await responderPagina(reclamo.codigo, reclamo.token, RESPUESTA)).status).toBe(200);
  });

  it('with the entity’s pause on, the due date moves by the business days spent observado; off, it stays', async () => {
    const ajustes = backoffice.app.get(UpdateAjustesUseCase);
    const calendar = await new CalendarRepository(backoffice.dataSource).current();
    const [ent]: Array<{ ubigeo: string }> = await backoffice.dataSource.query(`SELECT ubigeo FROM entidad WHERE id = $1`, [entidad.id]);
    const scope = scopeOfEntidad({ codigo: entidad.codigo, ubigeo: ent.ubigeo });
    try {
      // The calendar must not change between the reply and the expectation (other files add days).
      await withCalendarLock(backoffice.dataSource, async () => {
        await ajustes.execute({ actor: responsable, entidadId: entidad.id, subsanacionPausaPlazo: true });
        const pausado = await observado();
        // The request says so, in the e-mail's words and on the tracking page.
        const pagina = await abrir(pausado.codigo, pausado.token);
        expect(pagina.html).toContain('se suspende');
        const antes = await filas(pausado.id);
        at(MIERCOLES);
        const respuesta = await responderApi(pausado.codigo, { token: pausado.token, texto: RESPUESTA });
        // Monday's request, Wednesday's reply: Tuesday and Wednesday paused.
        const esperado = calendar.addBusinessDays(String(antes.vence), 2, scope);
        expect(respuesta).toMatchObject({ status: 200, body: { diasPausados: 2, vence: esperado } });
        const [row]: Array<{ vence: string; pausados: number; fecha: string }> = await backoffice.dataSource.query(
          `SELECT vence_el::text AS vence, dias_pausados AS pausados, fecha_registro_lima::text AS fecha FROM reclamo WHERE id = $1`,
          [pausado.id],
        );
        expect(row).toMatchObject({ vence: esperado, pausados: 2 });
        // What a calendar recompute counts gives the same date, so it does not take the pause back.
        expect(computeDueDate({ registeredAt: row.fecha, businessDays: 30 + row.pausados, scope, calendar }).vence).toBe(esperado);
        const [evento]: Array<{ datos: Json }> = await backoffice.dataSource.query(
          `SELECT datos FROM reclamo_evento WHERE reclamo_id = $1 ORDER BY id DESC LIMIT 1`,
          [pausado.id],
        );
        expect(evento.datos).toMatchObject({ pausaPlazo: true, diasPausados: 2, venceAnterior: antes.vence, venceNuevo: esperado });
        const [auditoria]: Array<{ detalle: Json }> = await backoffice.dataSource.query(
          `SELECT detalle FROM auditoria WHERE reclamo_id = $1 AND accion = 'subsanacion_respondida'`,
          [pausado.id],
        );
        expect(auditoria.detalle).toMatchObject({ diasPausados: 2, venceAnterior: antes.vence, venceNuevo: esperado });

        // Recorded by staff (in person) the same way.
        const enPersona = await observado();
        const antesEnPersona = await filas(enPersona.id);
        at(JUEVES);
        const registrado = await backoffice.app
          .get(RecordSubsanacionUseCase)
          .execute({ actor: responsable, entidadId: entidad.id, reclamoId: enPersona.id, detalle: 'Lo trajo a mesa de partes el jueves.' });
        expect(registrado.vence).toBe(calendar.addBusinessDays(String(antesEnPersona.vence), 3, scope));

        // Off again: the next request does not pause.
        await ajustes.execute({ actor: responsable, entidadId: entidad.id, subsanacionPausaPlazo: false });
        const corrido = await observado();
        const antesCorrido = await filas(corrido.id);
        at(MIERCOLES);
        expect(await responderApi(corrido.codigo, { token: corrido.token, texto: RESPUESTA })).toMatchObject({
          status: 200,
          body: { diasPausados: 0, vence: antesCorrido.vence },
        });
        expect((await filas(corrido.id)).vence).toBe(antesCorrido.vence);
      });
    } finally {
      await ajustes.execute({ actor: responsable, entidadId: entidad.id, subsanacionPausaPlazo: false });
    }
  });
});
