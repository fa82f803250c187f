import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EstadoReclamo, formatCodigoReclamo } from '@app/domain';
import { createTestEntidad, uniqueCode } from './db';

/** An instant given as a Lima wall-clock time (UTC-5, no daylight saving). */
export const enLima = (fecha: string, hora = '10:00'): Date => new Date(`${fecha}T${hora}:00-05:00`);

export interface CasoCifras {
  registradoEn: Date;
  /** The Lima date of `registradoEn` (given apart so a test states it by hand). */
  fechaRegistro: string;
  estado: EstadoReclamo;
  venceEl: string;
  plazo?: number;
  diasPausados?: number;
  canal?: 'virtual' | 'fisico';
  aspecto?: string;
  unidad?: 'U1' | 'U2';
  sede?: 'S1' | 'S2';
  notificadoEl?: string;
  /** State moves after the registration, each with its instant. */
  movimientos?: Array<{ de: EstadoReclamo; a: EstadoReclamo; en: Date }>;
  encuesta?: { en: Date; general: number; rapidez: number; claridad: number; trato: number; resuelto: 'si' | 'en_parte' | 'no' };
}

export interface EntidadCifras {
  id: string;
  codigo: string;
  sedes: { S1: string; S2: string };
  unidades: { U1: string; U2: string };
}

/** A test's own entity (target 20 business days) with two sedes and two unidades. */
export async function crearEntidadCifras(dataSource: DataSource, prefijo: string): Promise<EntidadCifras> {
  const e = await createTestEntidad(dataSource, uniqueCode(prefijo));
  await dataSource.query(`UPDATE entidad SET plazo_respuesta_dias = 20 WHERE id = $1`, [e.id]);
  const [s2]: Array<{ id: string }> = await dataSource.query(`INSERT INTO sede (entidad_id, nombre) VALUES ($1, 'Sede Norte') RETURNING id`, [e.id]);
  const [u2]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO unidad_organica (entidad_id, nombre) VALUES ($1, 'Oficina de Trámite') RETURNING id`,
    [e.id],
  );
  return { id: e.id, codigo: e.codigo, sedes: { S1: e.sedeId, S2: s2.id }, unidades: { U1: e.unidadId, U2: u2.id } };
}

/**
 * A reclamo with its timeline as the lifecycle would have left it (registration, moves, survey), written
 * directly: these tests check what the figures count, the lifecycle is exercised by its own tests.
 */
export async function insertarCaso(dataSource: DataSource, entidad: EntidadCifras, c: CasoCifras): Promise<string> {
  const anio = 2090 + (process.pid % 9);
  const codigo = formatCodigoReclamo({ entidad: entidad.codigo, anio, correlativo: randomInt(1, 1_000_000_000) });
  const canal = c.canal ?? 'virtual';
  const [row]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO reclamo (entidad_id, codigo, anio, correlativo, estado, canal, numero_hoja_fisica, registrado_en, fecha_registro_lima,
                          plazo_dias_habiles, vence_el, calendario_version, aspecto, sede_id, unidad_id, descripcion, notificacion_email,
                          notificado_el, dias_pausados)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'prueba', $12, $13, $14, 'Texto del reclamo de prueba.', true, $15, $16)
     RETURNING id`,
    [
      entidad.id, codigo, anio, Number(codigo.split('-').pop()), c.estado, canal, canal === 'fisico' ? `H-${randomInt(1, 1e9)}` : null,
      c.registradoEn, c.fechaRegistro, c.plazo ?? 20, c.venceEl, c.aspecto ?? 'tiempo_espera', entidad.sedes[c.sede ?? 'S1'],
      entidad.unidades[c.unidad ?? 'U1'], c.notificadoEl ?? null, c.diasPausados ?? 0,
    ],
  );
  const evento = (tipo: string, de: string | null, a: string, en: Date) =>
    dataSource.query(
      `INSERT INTO reclamo_evento (reclamo_id, entidad_id, tipo, estado_anterior, estado_nuevo, actor_tipo, ocurrido_en)
       VALUES ($1, $2, $3, $4, $5, 'sistema', $6)`,
      [row.id, entidad.id, tipo, de, a, en],
    );
  await evento('registrado', null, EstadoReclamo.REGISTRADO, c.registradoEn);
  for (const m of c.movimientos ?? []) await evento('cambio_estado', m.de, m.a, m.en);
  if (c.encuesta) {
    const s = c.encuesta;
    await dataSource.query(
      `INSERT INTO encuesta (reclamo_id, entidad_id, satisfaccion_general, rapidez, claridad, trato, resuelto, respondida_en)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.id, entidad.id, s.general, s.rapidez, s.claridad, s.trato, s.resuelto, s.en],
    );
  }
  return row.id;
}

const E = EstadoReclamo;

/**
 * The seeded set of the figures' tests (entity target: 20 business days; clock: 2031-04-20). 2031: Easter
 * is 13 April, so Jueves and Viernes Santo are 10 and 11 April; 1 March is a Saturday, 31 March a Monday.
 * Business days are counted from the day a reclamo counts as filed (the next business day when filed on a
 * non-working day) to the notification's date.
 */
export async function sembrarCasosCifras(dataSource: DataSource, entidad: EntidadCifras): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const hora = 3_600_000;
  const notificado = (en: Date) => [
    { de: E.REGISTRADO, a: E.EN_ATENCION, en: new Date(en.getTime() - 2 * hora) },
    { de: E.EN_ATENCION, a: E.RESPONDIDO, en: new Date(en.getTime() - hora) },
    { de: E.RESPONDIDO, a: E.NOTIFICADO, en },
  ];
  // A: Mon 3 Mar → notified Mon 17 Mar: 4–7, 10–14, 17 = 10 business days. On time, and within the target.
  ids.A = await insertarCaso(dataSource, entidad, {
    registradoEn: enLima('2031-03-03'), fechaRegistro: '2031-03-03', estado: E.NOTIFICADO, venceEl: '2031-03-31', notificadoEl: '2031-03-17',
    movimientos: notificado(enLima('2031-03-17')),
    encuesta: { en: enLima('2031-03-20'), general: 4, rapidez: 5, claridad: 3, trato: 4, resuelto: 'si' },
  });
  // B: Mon 31 Mar 23:30 in Lima (1 Apr in UTC): received in March; open, due 29 Apr.
  ids.B = await insertarCaso(dataSource, entidad, {
    registradoEn: enLima('2031-03-31', '23:30'), fechaRegistro: '2031-03-31', estado: E.EN_ATENCION, venceEl: '2031-04-29',
  });
  // C: Sat 1 Mar counts as filed Mon 3 Mar → notified Mon 14 Apr: 20 days in March (4 Mar–31 Mar), 1–4, 7–9 Apr and
  // 14 Apr (10 and 11 are Jueves and Viernes Santo) = 28: within the law's 30, beyond the entity's 20.
  ids.C = await insertarCaso(dataSource, entidad, {
    registradoEn: enLima('2031-03-01'), fechaRegistro: '2031-03-01', estado: E.NOTIFICADO, venceEl: '2031-03-31', notificadoEl: '2031-04-14',
    movimientos: notificado(enLima('2031-04-14')),
  });
  // D: Thu 27 Feb → notified Wed 5 Mar: 28 Feb, 3, 4, 5 Mar = 4 days, filed with a 3-day target: on time, not within it.
  ids.D = await insertarCaso(dataSource, entidad, {
    registradoEn: enLima('2031-02-27'), fechaRegistro: '2031-02-27', estado: E.NOTIFICADO, venceEl: '2031-03-04', plazo: 3, notificadoEl: '2031-03-05',
    movimientos: notificado(enLima('2031-03-05')),
    // 23:50 in Lima on 31 March is 1 April in UTC: a March survey.
    encuesta: { en: enLima('2031-03-31', '23:50'), general: 2, rapidez: 1, claridad: 2, trato: 3, resuelto: 'no' },
  });
  // E: annulled at 23:59 of 31 March in Lima: a March annulment.
  ids.E = await insertarCaso(dataSource, entidad, {
    registradoEn: enLima('2031-03-10'), fechaRegistro: '2031-03-10', estado: E.ANULADO, venceEl: '2031-04-07',
    movimientos: [{ de: E.REGISTRADO, a: E.ANULADO, en: enLima('2031-03-31', '23:59') }],
  });
  // F: reconducted at 00:01 of 1 April in Lima: an April reconducción.
  ids.F = await insertarCaso(dataSource, entidad, {
    registradoEn: enLima('2031-03-11'), fechaRegistro: '2031-03-11', estado: E.RECONDUCIDO, venceEl: '2031-04-08',
    movimientos: [{ de: E.REGISTRADO, a: E.RECONDUCIDO, en: enLima('2031-04-01', '00:01') }],
  });
  // G: physical book, información, unidad U2, sede S2; subsanación asked 13 Mar and answered 14 Mar (clock paused 1
  // day); notified Fri 28 Mar: 13, 14, 17–21, 24–28 = 12 days, 11 without the pause.
  ids.G = await insertarCaso(dataSource, entidad, {
    registradoEn: enLima('2031-03-12'), fechaRegistro: '2031-03-12', estado: E.NOTIFICADO, venceEl: '2031-04-10', notificadoEl: '2031-03-28',
    canal: 'fisico', aspecto: 'informacion', unidad: 'U2', sede: 'S2', diasPausados: 1,
    movimientos: [
      { de: E.REGISTRADO, a: E.EN_ATENCION, en: enLima('2031-03-12', '11:00') },
      { de: E.EN_ATENCION, a: E.OBSERVADO, en: enLima('2031-03-13') },
      { de: E.OBSERVADO, a: E.EN_ATENCION, en: enLima('2031-03-14') },
      { de: E.EN_ATENCION, a: E.RESPONDIDO, en: enLima('2031-03-27') },
      { de: E.RESPONDIDO, a: E.NOTIFICADO, en: enLima('2031-03-28') },
    ],
  });
  // H: open and overdue on 20 April (due 9 April).
  ids.H = await insertarCaso(dataSource, entidad, {
    registradoEn: enLima('2031-03-12'), fechaRegistro: '2031-03-12', estado: E.EN_ATENCION, venceEl: '2031-04-09',
  });
  // J: Mon 20 Jan → notified Thu 6 Mar: 21–24, 27–31 Jan, four whole weeks of February, 3–6 Mar = 33 days: late.
  ids.J = await insertarCaso(dataSource, entidad, {
    registradoEn: enLima('2031-01-20'), fechaRegistro: '2031-01-20', estado: E.NOTIFICADO, venceEl: '2031-02-17', notificadoEl: '2031-03-06',
    movimientos: notificado(enLima('2031-03-06')),
  });
  return ids;
}

/**
 * Runs the incremental update (`ejecutar`) until its watermark has passed this entity's last event and
 * survey. One run counts what committed below the oldest transaction still open in the database; the
 * test files share that database and some hold a transaction open for a while, and the figures then
 * wait for it (by design: a late commit with a lower id is never skipped). Fails after `ms`.
 */
export async function actualizarHastaIncluir(dataSource: DataSource, entidadId: string, ejecutar: () => Promise<unknown>, ms = 60_000): Promise<void> {
  const [{ xid }]: Array<{ xid: string | null }> = await dataSource.query(
    `SELECT max(x)::text AS xid FROM (SELECT max(xid) AS x FROM reclamo_evento WHERE entidad_id = $1
                                      UNION ALL SELECT max(xid) FROM encuesta WHERE entidad_id = $1) t`,
    [entidadId],
  );
  const limite = Date.now() + ms;
  for (;;) {
    await ejecutar();
    const [{ leido }]: Array<{ leido: string }> = await dataSource.query(`SELECT xid_leido::text AS leido FROM medicion_progreso WHERE id = 1`);
    if (xid === null || BigInt(leido) > BigInt(xid)) return;
    if (Date.now() > limite) throw new Error(`the figures' watermark ${leido} did not pass ${xid} in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
