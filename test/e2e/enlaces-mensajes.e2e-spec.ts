import { INestApplicationContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  CanalReconduccion,
  NotifyRespuestaUseCase,
  ReconducirReclamoUseCase,
  RequestSubsanacionUseCase,
  RunSubsanacionSweepUseCase,
  TrasladarReclamoUseCase,
  UpdateAjustesUseCase,
} from '@app/atencion';
import { limaDateOf } from '@app/calendar';
import { EstadoReclamo } from '@app/domain';
import { ComposedMessage, MessageComposer, OutboxRow, TIPOS_MENSAJE, TipoMensaje } from '@app/notifications';
import { FixedClock } from '@app/platform/clock';
import { RunDeadlineSweepUseCase } from '@app/plazos';
import { InviteStaffUseCase, RequestPasswordResetUseCase, StaffUser } from '@app/staff';
import { insertReclamo } from '../support/atencion-factory';
import { BackofficeHarness, createTestStaff, getPage, postForm, signIn, startBackofficeApp, TestStaff } from '../support/backoffice-harness';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, uniqueCode } from '../support/db';
import { Mensajeria } from '../support/mensajeria';

/** An attribute's value as a browser reads it (Handlebars writes `=` as `&#x3D;`, `&` as `&amp;`). */
function decodeHtmlAttribute(value: string): string {
  const named: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" };
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return named[name.toLowerCase()] ?? entity;
  });
}

/**
 * Every message type, produced by the real action that writes it, rendered by the worker's own
 * loaders, and every link in it followed against the running apps as its reader would: the
 * citizen opens the tracking page and looks the reclamo up with their document (another document:
 * 404); staff open the reclamo signed in (another entity's staff: 404); a reset or invitation link
 * lets its holder choose a password. No link may answer 404 to the person it was sent to.
 */
describe('links in messages: every type, every link, followed by its reader', () => {
  let citizen: CitizenHarness;
  let backoffice: BackofficeHarness;
  let context: INestApplicationContext;
  let mensajeria: Mensajeria;
  let dataSource: DataSource;
  let clock: FixedClock;
  const now = new Date();

  const DOCUMENTO = '45871236';
  const entidades: Array<{ id: string; codigo: string; sedeId: string; unidadId: string; servicioId: string }> = [];
  const staff: Record<'titular' | 'alterno' | 'titularEntidad' | 'ajeno', TestStaff & { user: StaffUser }> = {} as never;

  beforeAll(async () => {
    [citizen, backoffice] = await Promise.all([startCitizenApp(now), startBackofficeApp(now)]);
    dataSource = backoffice.dataSource;
    clock = new FixedClock(now);
    // The worker's side: its loaders render the rows, and a real SMTP server refuses one answer (notificacion_fallida).
    mensajeria = await Mensajeria.start(clock);
    context = mensajeria.context;

    entidades.push(await createTestEntidad(dataSource, uniqueCode('LNK')), await createTestEntidad(dataSource, uniqueCode('LNB')));
    const make = async (rol: 'responsable_titular' | 'responsable_alterno' | 'titular_entidad', entidadId: string) => {
      const s = await createTestStaff(dataSource, { rol, entidadId });
      return { ...s, user: { id: s.id, email: s.email, nombre: s.nombre, rol, entidadId } };
    };
    staff.titular = await make('responsable_titular', entidades[0].id);
    staff.alterno = await make('responsable_alterno', entidades[0].id);
    staff.titularEntidad = await make('titular_entidad', entidades[0].id);
    staff.ajeno = await make('responsable_titular', entidades[1].id);
  });

  afterAll(async () => {
    await Promise.all([citizen?.close(), backoffice?.close(), mensajeria?.close()]);
  });

  /** Produces one message of every type for the test's own entity and people; returns the outbox ids by type. */
  async function produceEveryType(): Promise<Map<TipoMensaje, string[]>> {
    const [a, b] = entidades;
    const actor = staff.titular.user;
    const get = <T>(type: new (...args: never[]) => T): T => backoffice.app.get(type);

    // acuse_recibo: a filing through the citizen API.
    const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/reclamo-ejemplo.json'), 'utf8')) as Record<string, unknown>;
    const filing = await fetch(`${citizen.baseUrl}/api/v1/reclamos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...fixture, entidad: a.codigo, sedeId: a.sedeId, unidadId: a.unidadId, servicioId: a.servicioId }),
    });
    expect(filing.status).toBe(201);

    // solicitud_subsanacion, reconduccion, traslado, respuesta: atención's actions on reclamos of its own.
    const enAtencion = await insertReclamo(dataSource, a, { estado: EstadoReclamo.EN_ATENCION, asignadoA: actor.id, numeroDocumento: DOCUMENTO });
    await get(RequestSubsanacionUseCase).execute({ actor, entidadId: a.id, reclamoId: enAtencion.id, motivo: 'Indique la sede y la fecha de la atención.' });
    // subsanacion_respondida: the citizen answers another request online (with the document, through the API), so the first one's link stays usable.
    const respondida = await insertReclamo(dataSource, a, { estado: EstadoReclamo.EN_ATENCION, asignadoA: actor.id, numeroDocumento: DOCUMENTO });
    await get(RequestSubsanacionUseCase).execute({ actor, entidadId: a.id, reclamoId: respondida.id, motivo: 'Indique el número de su ticket de atención.' });
    const reply = new FormData();
    reply.append('documento', DOCUMENTO);
    reply.append('texto', 'Mi ticket fue el A-214, del 18 de noviembre.');
    const replied = await fetch(`${citizen.baseUrl}/api/v1/reclamos/${respondida.codigo}/subsanacion`, { method: 'POST', body: reply });
    expect(replied.status).toBe(200);
    await replied.text();
    const aReconducir = await insertReclamo(dataSource, a, { numeroDocumento: DOCUMENTO });
    await get(ReconducirReclamoUseCase).execute({
      actor,
      entidadId: a.id,
      reclamoId: aReconducir.id,
      canal: CanalReconduccion.DENUNCIA,
      mensaje: 'Lo que describe es una denuncia; la derivamos a la plataforma de denuncias.',
    });
    const aTrasladar = await insertReclamo(dataSource, a, { numeroDocumento: DOCUMENTO });
    await get(TrasladarReclamoUseCase).execute({ actor, entidadId: a.id, reclamoId: aTrasladar.id, entidadDestino: b.codigo, motivo: 'La atención fue en otra entidad.' });
    const respondido = await insertReclamo(dataSource, a, { estado: EstadoReclamo.RESPONDIDO, asignadoA: actor.id, respuesta: 'aprobada', numeroDocumento: DOCUMENTO });
    // Sent and accepted: the citizen reads it once it is notified (its survey opens only then).
    await mensajeria.notificarPorCorreo({ actor, entidadId: a.id, reclamoId: respondido.id });
    // notificacion_fallida: an answer whose e-mail the citizen's server refused.
    const rechazado = `rechazo.${uniqueCode('x').toLowerCase()}@example.pe`;
    const noEntregado = await insertReclamo(dataSource, a, { estado: EstadoReclamo.RESPONDIDO, asignadoA: actor.id, respuesta: 'aprobada', email: rechazado });
    await get(NotifyRespuestaUseCase).execute({ actor, entidadId: a.id, reclamoId: noEntregado.id });
    mensajeria.mailbox.rejected.add(rechazado);
    expect((await mensajeria.enviar([noEntregado.id], 'respuesta')).map((e) => e.resultado)).toEqual([{ error: expect.stringContaining('rechazó') }]);

    // plazo_por_vencer and plazo_vencido: the deadline sweep over two open reclamos of the entity.
    const hoy = limaDateOf(backoffice.clock.now());
    const dias = (n: number) => new Date(Date.parse(`${hoy}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    await insertReclamo(dataSource, a, { vence: dias(3), numeroDocumento: DOCUMENTO });
    await insertReclamo(dataSource, a, { vence: dias(-3), numeroDocumento: DOCUMENTO });
    await get(RunDeadlineSweepUseCase).execute({ entidadIds: [a.id] });

    // subsanacion_vencida: an observado reclamo past its window, in an entity that flags instead of archiving.
    await get(UpdateAjustesUseCase).execute({ actor, subsanacionVencida: 'marcar' });
    await insertReclamo(dataSource, a, { estado: EstadoReclamo.OBSERVADO, subsanacionVence: dias(-5), numeroDocumento: DOCUMENTO });
    await get(RunSubsanacionSweepUseCase).execute({ entidadIds: [a.id] });

    // restablecer_password and invitacion_personal: staff accounts.
    await get(RequestPasswordResetUseCase).execute({ email: staff.alterno.email });
    await get(InviteStaffUseCase).execute({ actor, email: `invitada.${uniqueCode('x').toLowerCase()}@pruebas.gob.pe`, nombre: 'Ana Invitada', rol: 'oficial' });

    // The answered request's e-mail is left out: its single-use link is spent (the subsanación test covers that).
    const rows: Array<{ id: string; tipo: TipoMensaje }> = await dataSource.query(
      // A failed row last: of the two answers, the one the citizen received is the one whose links are followed.
      `SELECT id, tipo FROM outbox
        WHERE (entidad_id = $1 OR reclamo_id IN (SELECT id FROM reclamo WHERE entidad_id = $1))
          AND NOT (tipo = 'solicitud_subsanacion' AND reclamo_id = $2)
        ORDER BY estado = 'fallido', id`,
      [a.id, respondida.id],
    );
    const byTipo = new Map<TipoMensaje, string[]>();
    for (const row of rows) byTipo.set(row.tipo, [...(byTipo.get(row.tipo) ?? []), row.id]);
    return byTipo;
  }

  /** Renders a row as the worker does, pending or already sent (the answer's, whose survey opens once it was accepted). */
  async function compose(outboxId: string): Promise<ComposedMessage> {
    const [row]: OutboxRow[] = await dataSource.query(
      `SELECT id, entidad_id AS "entidadId", reclamo_id AS "reclamoId", tipo, destinatario, datos, intentos FROM outbox WHERE id = $1`,
      [outboxId],
    );
    return context.get(MessageComposer).compose(row);
  }

  /** Every http(s) link of the message: the HTML's hrefs and the URLs written in the text version. */
  function linksOf(message: ComposedMessage): string[] {
    const hrefs = [...message.html.matchAll(/href="([^"]+)"/g)].map((m) => decodeHtmlAttribute(m[1]));
    const inText = [...message.text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
    return [...new Set([...hrefs, ...inText])];
  }

  it('renders every message type with links that open, for their reader, in the running apps', async () => {
    const byTipo = await produceEveryType();
    expect([...byTipo.keys()].sort()).toEqual([...TIPOS_MENSAJE].sort());

    const config = context.get(ConfigService);
    const publicBase = config.get<string>('PUBLIC_BASE_URL')!;
    const backofficeBase = config.get<string>('BACKOFFICE_BASE_URL')!;
    const sessions = {
      propio: await signIn(backoffice, staff.titular.email, staff.titular.password),
      ajeno: await signIn(backoffice, staff.ajeno.email, staff.ajeno.password),
    };
    expect(sessions.propio.status).toBe(200);
    expect(sessions.ajeno.status).toBe(200);

    const followed: Record<string, number> = {};
    for (const [tipo, ids] of byTipo) {
      const message = await compose(ids[0]);
      const links = linksOf(message);
      for (const link of links) {
        if (link.startsWith(`${publicBase}/`)) {
          const url = new URL(link.replace(publicBase, citizen.baseUrl));
          const codigo = url.searchParams.get('codigo')!;
          if (url.pathname === '/subsanacion') {
            // The request's single-use link opens its form; the same link with another token does not.
            const form = await fetch(url, { headers: { accept: 'text/html' } });
            expect({ tipo, link, status: form.status }).toEqual({ tipo, link, status: 200 });
            expect(await form.text()).toContain('Responder en línea');
            url.searchParams.set('token', `1.${'x'.repeat(32)}`);
            const ajeno = await fetch(url, { headers: { accept: 'text/html' } });
            expect(ajeno.status).toBe(404);
            await ajeno.text();
            followed[tipo] = (followed[tipo] ?? 0) + 1;
            continue;
          }
          if (url.pathname === '/encuesta') {
            // The survey link opens its form; the same link with another token does not.
            const form = await fetch(url, { headers: { accept: 'text/html' } });
            expect({ tipo, link, status: form.status }).toEqual({ tipo, link, status: 200 });
            expect(await form.text()).toContain('Encuesta de satisfacción');
            url.searchParams.set('t', 'x'.repeat(32));
            expect((await fetch(url, { headers: { accept: 'text/html' } })).status).toBe(404);
            followed[tipo] = (followed[tipo] ?? 0) + 1;
            continue;
          }
          expect(url.pathname).toBe('/seguimiento');
          // The link opens the form with the code filled in…
          const page = await fetch(url, { headers: { accept: 'text/html' } });
          expect(page.status).toBe(200);
          expect(await page.text()).toContain(`value="${codigo}"`);
          // …and the citizen's document opens the reclamo; another document does not.
          const lookup = (documento: string) =>
            fetch(url.origin + url.pathname, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
              body: new URLSearchParams({ codigo, documento }).toString(),
            });
          expect({ tipo, link, status: (await lookup(DOCUMENTO)).status }).toEqual({ tipo, link, status: 200 });
          expect((await lookup('09999999')).status).toBe(404);
        } else if (link.startsWith(`${backofficeBase}/`)) {
          const url = new URL(link.replace(backofficeBase, backoffice.baseUrl));
          const path = `${url.pathname}${url.search}`;
          if (url.pathname.startsWith('/casos/')) {
            expect({ tipo, link, status: (await getPage(backoffice, path, sessions.propio.cookie)).status }).toEqual({ tipo, link, status: 200 });
            expect((await getPage(backoffice, path, sessions.ajeno.cookie)).status).toBe(404);
          } else {
            // A one-time link: the page opens, and its holder sets a password with it.
            expect(['/restablecer', '/invitacion']).toContain(url.pathname);
            expect((await getPage(backoffice, path)).status).toBe(200);
            const token = url.searchParams.get('token')!;
            const nueva = 'Una-clave-nueva-2026!';
            const chosen = await postForm(backoffice, url.pathname, { token, password: nueva, password2: nueva });
            expect({ tipo, status: chosen.status }).toEqual({ tipo, status: 303 });
          }
        } else {
          // Only national platforms outside ours (the denuncias channel of a reconducción).
          expect(link).toBe('https://denuncias.servicios.gob.pe/');
        }
        followed[tipo] = (followed[tipo] ?? 0) + 1;
      }
    }
    // Every type carries at least one link (the reconducción's is the national platform's).
    expect(Object.keys(followed).sort()).toEqual([...TIPOS_MENSAJE].sort());
  });
});
