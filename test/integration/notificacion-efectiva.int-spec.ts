import { DataSource } from 'typeorm';
import { MOTIVO_NOTIFICACION_FALLIDA, NotifyRespuestaUseCase } from '@app/atencion';
import { addDays, limaDateOf } from '@app/calendar';
import { EstadoReclamo } from '@app/domain';
import { verifyAuditChain } from '@app/expediente';
import { OutboxRepository, SendNotificationUseCase } from '@app/notifications';
import { FixedClock } from '@app/platform/clock';
import { TrackReclamoUseCase } from '@app/reclamos';
import { StaffUser } from '@app/staff';
import { insertReclamo, insertStaff } from '../support/atencion-factory';
import { createTestEntidad, uniqueCode } from '../support/db';
import { Mensajeria } from '../support/mensajeria';
import { bodyOf, subjectOf } from '../support/smtp-mailbox';

/** A scan already received (what the storage hands the use case). */
const CARGO = { clave: 'prueba/cargo.pdf', bytes: 1024, sha256: 'b'.repeat(64), nombreOriginal: 'cargo.pdf', tipoMime: 'application/pdf' };

/**
 * TUO Ley 27444, art. 20.4 (domain README, "Notification"): an answer notified by e-mail takes
 * effect when the citizen's mail server accepts it. «Notificar» only starts it; the send records
 * the acceptance (notified that day, Lima) or the refusal (not notified, the responsables told).
 * A real SMTP server in the test accepts or refuses; the acceptance instant is the database's.
 */
describe('notification of the answer by e-mail: it counts when the server accepted it', () => {
  let mensajeria: Mensajeria;
  let dataSource: DataSource;
  let clock: FixedClock;
  let entidad: { id: string; codigo: string };
  let titular: StaffUser;
  let alterno: StaffUser;
  let oficial: StaffUser;
  let ajeno: StaffUser;
  // Real days, since the acceptance is dated by the database's clock: the click three days before the due date, the acceptance after it.
  const hoy = limaDateOf(new Date());
  const vence = addDays(hoy, -1);

  const clic = new Date(`${addDays(vence, -3)}T15:00:00Z`);
  beforeEach(() => clock.set(clic));

  beforeAll(async () => {
    clock = new FixedClock(clic);
    mensajeria = await Mensajeria.start(clock);
    dataSource = mensajeria.dataSource;
    entidad = await createTestEntidad(dataSource, uniqueCode('NEF'));
    const otra = await createTestEntidad(dataSource, uniqueCode('NEO'));
    [titular, alterno, oficial, ajeno] = await Promise.all([
      insertStaff(dataSource, 'responsable_titular', entidad.id),
      insertStaff(dataSource, 'responsable_alterno', entidad.id),
      insertStaff(dataSource, 'oficial', entidad.id),
      insertStaff(dataSource, 'responsable_titular', otra.id),
    ]);
  });
  afterAll(() => mensajeria.close());

  async function respondido(tag: string) {
    const email = `ciudadana.${tag}.${uniqueCode('M').toLowerCase()}@example.pe`;
    const reclamo = await insertReclamo(dataSource, entidad, { estado: EstadoReclamo.RESPONDIDO, respuesta: 'aprobada', asignadoA: oficial.id, email, vence });
    const on = { actor: oficial, entidadId: entidad.id, reclamoId: reclamo.id, ip: '10.0.0.1' };
    await expect(mensajeria.get(NotifyRespuestaUseCase).execute(on)).resolves.toEqual({ estado: EstadoReclamo.NOTIFICACION_EN_CURSO, medio: 'email', fecha: null });
    return { ...reclamo, email, on };
  }

  const estadoDe = async (id: string) =>
    (await dataSource.query(`SELECT estado, notificado_el::text AS "notificadoEl" FROM reclamo WHERE id = $1`, [id]))[0] as { estado: string; notificadoEl: string | null };
  const notificaciones = (id: string): Promise<Array<Record<string, unknown>>> =>
    dataSource.query(`SELECT medio, fecha::text AS fecha, aceptada_en AS "aceptadaEn", outbox_id AS "outboxId", registrado_por AS "registradoPor" FROM notificacion_respuesta WHERE reclamo_id = $1`, [id]);

  it('accepted: notified on the Lima date of the acceptance, not of the click, and that date decides "within the term"', async () => {
    const r = await respondido('aceptada');
    expect(await estadoDe(r.id)).toEqual({ estado: EstadoReclamo.NOTIFICACION_EN_CURSO, notificadoEl: null });
    expect(await notificaciones(r.id)).toEqual([]);

    const [envio] = await mensajeria.enviar([r.id]);
    expect(envio.resultado).toMatchObject({ estado: 'enviado' });
    const [outbox]: Array<{ enviado_en: Date; message_id: string }> = await dataSource.query(`SELECT enviado_en, message_id FROM outbox WHERE id = $1`, [envio.outboxId]);
    const fecha = limaDateOf(outbox.enviado_en);
    expect(fecha).not.toBe(limaDateOf(clock.now()));
    expect(await estadoDe(r.id)).toEqual({ estado: EstadoReclamo.NOTIFICADO, notificadoEl: fecha });
    expect(await notificaciones(r.id)).toEqual([{ medio: 'email', fecha, aceptadaEn: outbox.enviado_en, outboxId: envio.outboxId, registradoPor: null }]);
    expect(mensajeria.mailbox.received.filter((m) => m.to.includes(r.email)).map((m) => m.messageId)).toEqual([outbox.message_id]);

    // The timeline and the audit trail say who: the officer ordered it, the platform recorded the acceptance.
    const eventos: Array<{ estado_nuevo: string; actor_tipo: string; actor_id: string | null; datos: Record<string, unknown> }> = await dataSource.query(
      `SELECT estado_nuevo, actor_tipo, actor_id, datos FROM reclamo_evento WHERE reclamo_id = $1 ORDER BY id`,
      [r.id],
    );
    expect(eventos).toEqual([
      { estado_nuevo: 'notificacion_en_curso', actor_tipo: 'personal', actor_id: oficial.id, datos: { accion: 'notificacion_en_curso', medio: 'email' } },
      {
        estado_nuevo: 'notificado',
        actor_tipo: 'sistema',
        actor_id: null,
        datos: { accion: 'notificado', medio: 'email', fecha, aceptadaEn: outbox.enviado_en.toISOString(), outboxId: envio.outboxId },
      },
    ]);
    const auditoria: Array<{ accion: string }> = await dataSource.query(`SELECT accion FROM auditoria WHERE reclamo_id = $1 ORDER BY secuencia`, [r.id]);
    expect(auditoria.map((a) => a.accion)).toEqual(['notificacion_en_curso', 'notificado']);

    // The due date was the day before the acceptance: answered late, although «Notificar» was pressed in time.
    const seguimiento = await mensajeria.get(TrackReclamoUseCase).execute({ codigo: r.codigo, documento: '45871236' });
    expect(seguimiento).toMatchObject({ estado: 'notificado', respuesta: { medio: 'email', notificadaEl: fecha, dentroDelPlazo: false } });
  });

  it('refused: never notified; «notificación fallida», the responsables and the assigned officer are told, and a postal delivery notifies it', async () => {
    const r = await respondido('rechazada');
    mensajeria.mailbox.rejected.add(r.email);
    const [envio] = await mensajeria.enviar([r.id]);
    mensajeria.mailbox.rejected.delete(r.email);
    expect(envio.resultado).toEqual({ error: expect.stringContaining('rechazó el destinatario') });
    expect(await estadoDe(r.id)).toEqual({ estado: EstadoReclamo.NOTIFICACION_FALLIDA, notificadoEl: null });
    expect(await notificaciones(r.id)).toEqual([]);
    const [evento]: Array<{ actor_tipo: string; motivo: string; datos: Record<string, unknown> }> = await dataSource.query(
      `SELECT actor_tipo, motivo, datos FROM reclamo_evento WHERE reclamo_id = $1 AND estado_nuevo = 'notificacion_fallida'`,
      [r.id],
    );
    // The server's reply is the outbox row's business, not the timeline's: it may carry the citizen's address.
    expect(evento).toEqual({ actor_tipo: 'sistema', motivo: MOTIVO_NOTIFICACION_FALLIDA, datos: { accion: 'notificacion_fallida', medio: 'email', outboxId: envio.outboxId } });
    expect(JSON.stringify(evento)).not.toContain(r.email);

    // Still owed: the tracking page shows no answer, and says the entity will deliver it another way.
    const seguimiento = await mensajeria.get(TrackReclamoUseCase).execute({ codigo: r.codigo, documento: '45871236' });
    expect(seguimiento).toMatchObject({ estado: 'notificacion_fallida', respuesta: null });

    const avisos: Array<{ destinatario: string }> = await dataSource.query(
      `SELECT destinatario FROM outbox WHERE reclamo_id = $1 AND tipo = 'notificacion_fallida' ORDER BY destinatario`,
      [r.id],
    );
    expect(avisos.map((a) => a.destinatario)).toEqual([titular.email, alterno.email, oficial.email].sort());
    expect(avisos.map((a) => a.destinatario)).not.toContain(ajeno.email);
    const enviados = await mensajeria.enviar([r.id], 'notificacion_fallida');
    expect(enviados.map((e) => ('estado' in e.resultado ? e.resultado.estado : e.resultado))).toEqual(['enviado', 'enviado', 'enviado']);
    const aviso = mensajeria.mailbox.received.find((m) => m.to.includes(titular.email))!;
    expect(subjectOf(aviso)).toBe(`Reclamo ${r.codigo}: la respuesta no llegó al correo del ciudadano`);
    expect(bodyOf(aviso)).toContain(`/casos/${r.id}`);
    expect(bodyOf(aviso)).not.toContain(r.email);

    // «Notificar» again asks how it was delivered; the postal delivery, with its proof, notifies it on that date.
    await expect(mensajeria.get(NotifyRespuestaUseCase).execute(r.on)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errores: expect.arrayContaining([expect.objectContaining({ campo: 'medio', mensaje: 'el correo no fue aceptado: indique postal o presencial' })]),
    });
    clock.set(new Date());
    const entrega = hoy;
    await expect(
      mensajeria.get(NotifyRespuestaUseCase).execute({ ...r.on, medio: 'postal', fecha: entrega, constancia: CARGO }),
    ).resolves.toEqual({ estado: EstadoReclamo.NOTIFICADO, medio: 'postal', fecha: entrega });
    expect(await estadoDe(r.id)).toEqual({ estado: EstadoReclamo.NOTIFICADO, notificadoEl: entrega });
    expect(await notificaciones(r.id)).toEqual([{ medio: 'postal', fecha: entrega, aceptadaEn: null, outboxId: null, registradoPor: oficial.id }]);
    expect((await verifyAuditChain(dataSource, [entidad.id])).fallas).toEqual([]);
  });

  it('SMTP down: stays «en curso» between attempts; a resend after the last one failed notifies it when accepted', async () => {
    const r = await respondido('caida');
    const [{ id: outboxId }]: Array<{ id: string }> = await dataSource.query(`SELECT id FROM outbox WHERE reclamo_id = $1`, [r.id]);
    await mensajeria.mailbox.stop();
    try {
      await expect(mensajeria.get(SendNotificationUseCase).execute({ outboxId, lastAttempt: false })).rejects.toThrow();
      expect(await estadoDe(r.id)).toEqual({ estado: EstadoReclamo.NOTIFICACION_EN_CURSO, notificadoEl: null });
      await expect(mensajeria.get(SendNotificationUseCase).execute({ outboxId, lastAttempt: true })).rejects.toThrow();
      expect(await estadoDe(r.id)).toEqual({ estado: EstadoReclamo.NOTIFICACION_FALLIDA, notificadoEl: null });
    } finally {
      await mensajeria.mailbox.start();
    }
    // An administrator resends the failed message (the messages page); this time the server accepts it.
    expect(await mensajeria.get(OutboxRepository).resetFailed(outboxId)).toBe(true);
    await expect(mensajeria.get(SendNotificationUseCase).execute({ outboxId, lastAttempt: true })).resolves.toMatchObject({ estado: 'enviado' });
    const [{ enviado_en }]: Array<{ enviado_en: Date }> = await dataSource.query(`SELECT enviado_en FROM outbox WHERE id = $1`, [outboxId]);
    expect(await estadoDe(r.id)).toEqual({ estado: EstadoReclamo.NOTIFICADO, notificadoEl: limaDateOf(enviado_en) });
    // Sending the same row again (a stale claim) records nothing twice.
    await expect(mensajeria.get(SendNotificationUseCase).execute({ outboxId, lastAttempt: true })).resolves.toEqual({ omitido: 'enviado' });
    expect(await notificaciones(r.id)).toHaveLength(1);
  });
});
