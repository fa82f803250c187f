import { NOTIFICATIONS_REDIS_PORT } from '../support/notifications-test-env';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import {
  ListMensajesFallidosUseCase,
  messageIdFor,
  NotificationsModule,
  ReenviarMensajeUseCase,
} from '@app/notifications';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule } from '@app/platform/config';
import { JobName, QueueName, QueueRootModule } from '@app/platform/queue';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import fixture from '../fixtures/reclamo-ejemplo.json';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, uniqueCode } from '../support/db';
import { RedisProcess } from '../support/redis-process';
import { attachmentsOf, SmtpMailbox, subjectOf } from '../support/smtp-mailbox';
import { TEST_DATABASE_URL } from '../support/test-env';
import { waitFor } from '../support/wait-for';
import { WorkerProcess } from '../support/worker-process';
import {
  ApproveRespuestaUseCase,
  AtencionModule,
  CanalReconduccion,
  ListMensajesDelReclamoUseCase,
  DraftRespuestaUseCase,
  MarkRespondidoUseCase,
  NotifyRespuestaUseCase,
  ReconducirReclamoUseCase,
  RequestSubsanacionUseCase,
  TrasladarReclamoUseCase,
} from '@app/atencion';
import { EstadoReclamo, fechaLimiteSubsanacion } from '@app/domain';
import { Clock, ClockModule, FixedClock } from '@app/platform/clock';
import { formatCalendarDate, maskEmail } from '@app/receipt';
import { limaDateOf } from '@app/calendar';
import { insertReclamo, insertStaff } from '../support/atencion-factory';
import { bodyOf } from '../support/smtp-mailbox';

const DOMAIN = 'libro-reclamaciones.gob.pe';
const ADMIN = { id: '00000000-0000-4000-8000-000000000001', rol: 'administrador' as const, entidadId: null };

interface Filed {
  codigo: string;
  reclamoId: string;
  outboxId: string;
  email: string;
}

describe('Notificaciones: outbox → cola → worker → SMTP', () => {
  const redis = new RedisProcess(NOTIFICATIONS_REDIS_PORT);
  const mailbox = new SmtpMailbox();
  let worker: WorkerProcess;
  let citizen: CitizenHarness;
  let dataSource: DataSource;
  let context: INestApplicationContext;
  let entidad: { id: string; codigo: string; sedeId: string; unidadId: string; servicioId: string };
  let seq = 0;

  async function file(email: string): Promise<Filed> {
    const response = await fetch(`${citizen.baseUrl}/api/v1/reclamos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...fixture,
        entidad: entidad.codigo,
        sedeId: entidad.sedeId,
        unidadId: entidad.unidadId,
        servicioId: entidad.servicioId,
        email,
      }),
    });
    const body = (await response.json()) as { codigo: string };
    expect(response.status).toBe(201);
    const [row]: Array<{ reclamo_id: string; outbox_id: string }> = await dataSource.query(
      `SELECT r.id AS reclamo_id, o.id AS outbox_id FROM reclamo r JOIN outbox o ON o.reclamo_id = r.id WHERE r.codigo = $1`,
      [body.codigo],
    );
    return { codigo: body.codigo, reclamoId: row.reclamo_id, outboxId: row.outbox_id, email };
  }

  const emailFor = (tag: string): string => `ciudadano.${tag}.${++seq}.${entidad.codigo.toLowerCase()}@example.pe`;
  const mailsOf = (f: Filed) => mailbox.received.filter((m) => m.messageId === messageIdFor(f.outboxId, DOMAIN));
  const estadoOf = async (f: Filed) =>
    (
      await dataSource.query<Array<{ estado: string; intentos: number; ultimo_error: string | null; message_id: string | null; enviado_en: Date | null }>>(
        `SELECT estado, intentos, ultimo_error, message_id, enviado_en FROM outbox WHERE id = $1`,
        [f.outboxId],
      )
    )[0];
  const allDelivered = async (filed: Filed[]): Promise<boolean> => {
    if (!filed.every((f) => mailsOf(f).length >= 1)) return false;
    const rows: Array<{ n: number }> = await dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE id = ANY ($1::uuid[]) AND estado = 'enviado'`, [
      filed.map((f) => f.outboxId),
    ]);
    return rows[0].n === filed.length;
  };
  const expectOnceEach = (filed: Filed[]): void => {
    const counts = mailbox.countByMessageId();
    expect(filed.map((f) => counts.get(messageIdFor(f.outboxId, DOMAIN)) ?? 0)).toEqual(filed.map(() => 1));
  };

  beforeAll(async () => {
    await redis.start();
    await mailbox.start(0);
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ClockModule, PersistenceModule, QueueRootModule, NotificationsModule, AtencionModule] }).compile();
    context = await moduleRef.init();
    dataSource = context.get(DataSource);
    entidad = await createTestEntidad(dataSource, uniqueCode('NOT'));
    citizen = await startCitizenApp(new Date());
    worker = new WorkerProcess({
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      DATABASE_URL: TEST_DATABASE_URL,
      DB_POOL_SIZE: '6',
      REDIS_URL: redis.url,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(mailbox.port),
      SMTP_TIMEOUT_MS: '2000',
      NOTIFICATIONS_ATTEMPTS: '10',
      NOTIFICATIONS_BACKOFF_MS: '250',
      NOTIFICATIONS_CONCURRENCY: '4',
      NOTIFICATIONS_RELAY_INTERVAL_MS: '100',
      NOTIFICATIONS_SWEEP_EVERY_MS: '1000',
      // A row is sent only while its claim outlives an SMTP exchange (SMTP_TIMEOUT_MS): 4 s of margin on a loaded CI machine.
      NOTIFICATIONS_CLAIM_TTL_MS: '6000',
      NOTIFICATIONS_LOCK_MS: '2000',
      // Other test files' rows (acknowledgements, thousands of reminders) are theirs: this worker
      // relays and sweeps only the rows of this file's entity (every message below is filed there).
      TEST_OUTBOX_ENTIDADES: entidad.id,
    });
    await worker.start();
  }, 90_000);

  afterAll(async () => {
    await worker?.stop();
    await citizen?.close();
    await context?.close();
    await mailbox.stop();
    await redis.destroy();
  }, 30_000);

  it('a filing produces exactly one acknowledgement with its code and the PDF constancia attached', async () => {
    const filed = await file(emailFor('acuse'));
    await waitFor('el acuse de recibo', () => allDelivered([filed]));

    expectOnceEach([filed]);
    const [mail] = mailsOf(filed);
    expect(mail.to).toEqual([filed.email]);
    expect(subjectOf(mail)).toBe(`Registramos su reclamo ${filed.codigo} – Entidad de prueba ${entidad.codigo}`);
    expect(attachmentsOf(mail)).toEqual([{ contentType: 'application/pdf', filename: `constancia-${filed.codigo}.pdf` }]);
    expect(mail.raw.toString('latin1')).toMatch(/^Content-Language: es/im);
    const row = await estadoOf(filed);
    expect(row).toMatchObject({ estado: 'enviado', intentos: 1, ultimo_error: null, message_id: messageIdFor(filed.outboxId, DOMAIN) });
    expect(row.enviado_en).toBeInstanceOf(Date);
  });

  it('files while Redis is down (the rate limiter fails open) and every acknowledgement arrives once Redis is back', async () => {
    await redis.stop();
    const filed: Filed[] = [];
    for (let i = 0; i < 5; i++) filed.push(await file(emailFor('sin-redis')));
    const pendientes = await Promise.all(filed.map(estadoOf));
    expect(pendientes.map((r) => r.estado)).toEqual(filed.map(() => 'pendiente'));

    await redis.start();
    await waitFor('los acuses tras volver Redis', () => allDelivered(filed), 45_000);
    expectOnceEach(filed);
  });

  it('retries while the SMTP server is down and delivers each message once when it returns', async () => {
    await mailbox.stop();
    const filed: Filed[] = [];
    for (let i = 0; i < 3; i++) filed.push(await file(emailFor('sin-smtp')));
    await waitFor('reintentos con el SMTP caído', async () => (await Promise.all(filed.map(estadoOf))).every((r) => r.intentos >= 2 && r.ultimo_error !== null));

    await mailbox.start();
    await waitFor('la entrega al volver el SMTP', () => allDelivered(filed), 45_000);
    expectOnceEach(filed);
  });

  it('a refused address ends fallido with the error, shows on the case and in the admin list, and can be resent', async () => {
    const email = emailFor('rechazado');
    mailbox.rejected.add(email);
    const filed = await file(email);
    await waitFor('el mensaje fallido', async () => (await estadoOf(filed)).estado === 'fallido');
    const row = await estadoOf(filed);
    expect(row.ultimo_error).toContain('rechazó el destinatario');
    expect(row.intentos).toBe(1);
    expect(mailsOf(filed)).toHaveLength(0);

    const responsable = await insertStaff(dataSource, 'responsable_titular', entidad.id);
    const delReclamo = await context.get(ListMensajesDelReclamoUseCase).execute({ actor: responsable, entidadId: entidad.id, reclamoId: filed.reclamoId });
    expect(delReclamo).toEqual([expect.objectContaining({ id: filed.outboxId, tipo: 'acuse_recibo', estado: 'fallido', ultimoError: row.ultimo_error })]);

    // The platform's administrator sees that it failed and why, with the address masked.
    const fallidos = await context.get(ListMensajesFallidosUseCase).execute({ actor: ADMIN });
    expect(fallidos.find((m) => m.id === filed.outboxId)).toMatchObject({ estado: 'fallido', destinatario: maskEmail(email) });
    expect(JSON.stringify(fallidos)).not.toContain(email);
    await expect(context.get(ListMensajesFallidosUseCase).execute({ actor: responsable })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(context.get(ReenviarMensajeUseCase).execute({ actor: responsable, outboxId: filed.outboxId })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    mailbox.rejected.delete(email);
    await context.get(ReenviarMensajeUseCase).execute({ actor: ADMIN, outboxId: filed.outboxId });
    await waitFor('el reenvío', () => allDelivered([filed]));
    expectOnceEach([filed]);
  });

  it('rows written together travel in batch jobs: one claim each, each message once, no job of their own', async () => {
    const reclamo = await insertReclamo(dataSource, entidad);
    const n = 45;
    const rows: Array<{ id: string }> = await dataSource.query(
      `INSERT INTO outbox (entidad_id, reclamo_id, tipo, canal, destinatario, datos, estado, intentos)
       SELECT $1::uuid, $2::uuid, 'plazo_por_vencer', 'email', 'lote' || g || '.' || $4 || '@example.pe', jsonb_build_object('reclamoId', $2::text), 'pendiente', 0
         FROM generate_series(1, $3::int) g
       RETURNING id`,
      [entidad.id, reclamo.id, n, entidad.codigo.toLowerCase()],
    );
    const filed: Filed[] = rows.map((r) => ({ codigo: reclamo.codigo, reclamoId: reclamo.id, outboxId: r.id, email: '' }));
    await waitFor('los mensajes del lote', () => allDelivered(filed), 45_000);
    expectOnceEach(filed);
    const estados = await Promise.all(filed.map(estadoOf));
    expect(estados.map((r) => [r.estado, r.intentos])).toEqual(filed.map(() => ['enviado', 1]));

    // They went in `enviar-lote` jobs (the relay's), not one job per row (the sweep's, had it thought them lost).
    const queue = context.get<Queue>(getQueueToken(QueueName.NOTIFICATIONS));
    expect(await Promise.all(filed.map((f) => queue.getJob(f.outboxId)))).toEqual(filed.map(() => undefined));
    const lotes = (await queue.getJobs(['completed'])).filter((job) => job.name === JobName.ENVIAR_LOTE && filed.some((f) => (job.data as { outboxIds: string[] }).outboxIds.includes(f.outboxId)));
    expect(lotes.length).toBeGreaterThanOrEqual(Math.ceil(n / 20));
    expect(lotes.reduce((sum, job) => sum + (job.returnvalue as { enviados: number }).enviados, 0)).toBe(n);
  });

  it('a worker killed in the middle of a batch and restarted misses no message and duplicates none', async () => {
    const filed: Filed[] = [];
    for (let i = 0; i < 12; i++) filed.push(await file(emailFor('kill')));
    await waitFor('las primeras entregas', () => filed.filter((f) => mailsOf(f).length > 0).length >= 3, 30_000, 10);
    // Messages in flight now wait for the server's "250 accepted"; the worker dies meanwhile.
    mailbox.hold();
    await waitFor('mensajes en pleno envío', () => mailbox.heldCount >= 2, 30_000, 10);
    await worker.kill();
    const inFlight = mailbox.heldCount;
    mailbox.discardHeld();
    const claimed: Array<{ n: number }> = await dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE id = ANY ($1::uuid[]) AND estado = 'enviando'`, [
      filed.map((f) => f.outboxId),
    ]);
    expect(claimed[0].n).toBeGreaterThanOrEqual(inFlight);
    expect(filed.filter((f) => mailsOf(f).length === 0).length).toBeGreaterThan(0);

    await worker.start();
    await waitFor('todas las entregas tras reiniciar el worker', () => allDelivered(filed), 50_000);
    expectOnceEach(filed);
  }, 90_000);

  it('subsanación, reconducción, traslado and respuesta, written by the atención use cases, each arrive once with their content', async () => {
    // A business day at midday in Lima (as the atención tests use): a transfer made on a weekend stores a
    // due date the plazos recompute would move, and this shared test database keeps every reclamo it makes.
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ClockModule, PersistenceModule, AtencionModule] })
      .overrideProvider(Clock)
      .useValue(new FixedClock(new Date('2026-11-23T15:00:00Z')))
      .compile();
    const atencion = await moduleRef.init();
    try {
      const responsable = await insertStaff(dataSource, 'responsable_titular', entidad.id);
      const destino = await createTestEntidad(dataSource, uniqueCode('DST'));
      const on = (reclamoId: string) => ({ actor: responsable, entidadId: entidad.id, reclamoId, ip: '10.0.0.1' });
      const reclamoEnEstado = (estado: EstadoReclamo, tag: string) =>
        insertReclamo(dataSource, entidad, { estado, asignadoA: responsable.id, email: emailFor(tag), numeroDocumento: '45871236' });

      const observado = await reclamoEnEstado(EstadoReclamo.EN_ATENCION, 'subsanacion');
      const { subsanacionVence } = await atencion
        .get(RequestSubsanacionUseCase)
        .execute({ ...on(observado.id), motivo: 'Indique la fecha y la hora en que acudió a la sede.' });

      const reconducido = await reclamoEnEstado(EstadoReclamo.REGISTRADO, 'reconduccion');
      await atencion.get(ReconducirReclamoUseCase).execute({
        ...on(reconducido.id),
        canal: CanalReconduccion.DENUNCIA,
        mensaje: 'Lo que describe es un presunto acto de corrupción: corresponde a la plataforma de denuncias.',
      });

      const trasladado = await reclamoEnEstado(EstadoReclamo.REGISTRADO, 'traslado');
      const { nuevoReclamo } = await atencion
        .get(TrasladarReclamoUseCase)
        .execute({ ...on(trasladado.id), entidadDestino: destino.codigo, motivo: 'Nota interna: lo atendió personal de la otra entidad.' });

      const respondido = await reclamoEnEstado(EstadoReclamo.EN_ATENCION, 'respuesta');
      await atencion.get(DraftRespuestaUseCase).execute({
        ...on(respondido.id),
        hechos: 'Usted esperó tres horas en la sede el 16 de noviembre.',
        analisis: 'Ese día la ventanilla tuvo un solo servidor y no se avisó la demora.',
        medidasAdoptadas: '- Turnos con hora fija\n- Aviso por SMS cuando el documento esté listo',
      });
      await atencion.get(ApproveRespuestaUseCase).execute(on(respondido.id));
      await atencion.get(MarkRespondidoUseCase).execute(on(respondido.id));
      // By e-mail the answer is not notified yet: it is on its way until the server accepts it.
      await expect(atencion.get(NotifyRespuestaUseCase).execute(on(respondido.id))).resolves.toEqual({
        estado: EstadoReclamo.NOTIFICACION_EN_CURSO,
        medio: 'email',
        fecha: null,
      });

      const rows: Array<{ id: string; tipo: string; reclamo_id: string; destinatario: string }> = await dataSource.query(
        `SELECT id, tipo, reclamo_id, destinatario FROM outbox WHERE reclamo_id = ANY ($1::uuid[]) ORDER BY tipo`,
        [[observado.id, reconducido.id, trasladado.id, respondido.id]],
      );
      expect(rows.map((r) => r.tipo)).toEqual(['reconduccion', 'respuesta', 'solicitud_subsanacion', 'traslado']);
      const filed: Filed[] = rows.map((r) => ({
        codigo: [observado, reconducido, trasladado, respondido].find((c) => c.id === r.reclamo_id)!.codigo,
        reclamoId: r.reclamo_id,
        outboxId: r.id,
        email: r.destinatario,
      }));
      await waitFor('los cuatro mensajes de atención', () => allDelivered(filed), 45_000);
      expectOnceEach(filed);
      const nombre = `Entidad de prueba ${entidad.codigo}`;
      const mailFor = (reclamoId: string) => mailsOf(filed.find((f) => f.reclamoId === reclamoId)!)[0];
      const seguimiento = (codigo: string) => `http://localhost:3000/seguimiento?codigo=${codigo}`;

      const sub = mailFor(observado.id);
      expect(subjectOf(sub)).toBe(`Complete la información de su reclamo ${observado.codigo} – ${nombre}`);
      expect(bodyOf(sub)).toContain('Indique la fecha y la hora en que acudió a la sede.');
      expect(bodyOf(sub)).toContain(`Tiene 2 días hábiles, hasta el ${fechaLimiteSubsanacion(subsanacionVence)}.`);
      expect(bodyOf(sub)).toContain('el plazo de la entidad para atender su reclamo sigue corriendo');
      expect(bodyOf(sub)).toContain(`/subsanacion?codigo=${observado.codigo}&token=`);
      expect(bodyOf(sub)).toContain(`en persona: Hágala llegar a ${nombre} por su mesa de partes (presencial o virtual). Indique el código ${observado.codigo}.`);
      expect(bodyOf(sub)).toContain(seguimiento(observado.codigo));

      const rec = mailFor(reconducido.id);
      expect(subjectOf(rec)).toBe(`Su reclamo ${reconducido.codigo} fue reconducido a otro canal – ${nombre}`);
      expect(bodyOf(rec)).toContain('A dónde fue: Denuncia ante la Plataforma Digital Única de Denuncias del Ciudadano');
      expect(bodyOf(rec)).toContain('Por qué: Lo que describe es un presunto acto de corrupción: corresponde a la plataforma de denuncias.');
      expect(bodyOf(rec)).toContain('https://denuncias.servicios.gob.pe/');

      const tra = mailFor(trasladado.id);
      expect(subjectOf(tra)).toBe(`Su reclamo ${trasladado.codigo} fue trasladado a Entidad de prueba ${destino.codigo}`);
      expect(bodyOf(tra)).toContain(`Nuevo código: ${nuevoReclamo.codigo}`);
      expect(bodyOf(tra)).toContain(`vence el ${formatCalendarDate(nuevoReclamo.vence)}`);
      expect(bodyOf(tra)).toContain(seguimiento(nuevoReclamo.codigo));
      // The transfer's reason is the responsable's note, not a message to the citizen.
      expect(bodyOf(tra)).not.toContain('Nota interna');

      // The worker recorded the acceptance: notified, dated with the Lima date of the instant the server accepted it.
      const [notificado]: Array<{ estado: string; notificado_el: string; fecha: string; aceptada_en: Date; enviado_en: Date; outbox_id: string }> =
        await dataSource.query(
          `SELECT r.estado, r.notificado_el::text, n.fecha::text, n.aceptada_en, o.enviado_en, n.outbox_id
             FROM reclamo r JOIN notificacion_respuesta n ON n.reclamo_id = r.id JOIN outbox o ON o.id = n.outbox_id
            WHERE r.id = $1`,
          [respondido.id],
        );
      const fecha = limaDateOf(notificado.enviado_en);
      expect(notificado).toMatchObject({ estado: EstadoReclamo.NOTIFICADO, notificado_el: fecha, fecha, outbox_id: filed.find((f) => f.reclamoId === respondido.id)!.outboxId });
      expect(notificado.aceptada_en.getTime()).toBe(notificado.enviado_en.getTime());
      const res = mailFor(respondido.id);
      expect(subjectOf(res)).toBe(`Respuesta a su reclamo ${respondido.codigo} – ${nombre}`);
      expect(bodyOf(res)).toContain(`Fecha de notificación: ${formatCalendarDate(fecha)}`);
      expect(bodyOf(res)).toContain('QUÉ PASÓ\nUsted esperó tres horas en la sede el 16 de noviembre.');
      expect(bodyOf(res)).toContain('NUESTRO ANÁLISIS\nEse día la ventanilla tuvo un solo servidor y no se avisó la demora.');
      expect(bodyOf(res)).toContain('MEDIDAS ADOPTADAS\n- Turnos con hora fija\n- Aviso por SMS cuando el documento esté listo');
      expect(bodyOf(res)).toContain(seguimiento(respondido.codigo));
      expect(bodyOf(res, 'text/html')).toContain('<li>Turnos con hora fija</li>');

      // Nothing the citizen did not give or need: no staff member, no document number, no name.
      for (const mail of [sub, rec, tra, res]) {
        const text = bodyOf(mail) + bodyOf(mail, 'text/html');
        expect(text).not.toContain(responsable.email);
        expect(text).not.toContain(responsable.nombre);
        expect(text).not.toContain('45871236');
        expect(text).not.toContain('María Elena');
      }
    } finally {
      await atencion.close();
    }
  }, 90_000);
});
