import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { addDays, BusinessCalendar, CalendarScope, computeDueDate } from '@app/calendar';
import { buildDataSourceOptions, PersistenceModule } from '@app/persistence';
import { AppConfigModule } from '@app/platform/config';
import { Clock, ClockModule, FixedClock } from '@app/platform/clock';
import { CalendarRepository, PlazosModule, RunDeadlineSweepUseCase, thresholdBands, UMBRAL_VENCIDO, UMBRALES_POR_DEFECTO } from '@app/plazos';
import { createTestEntidad, uniqueCode } from '../support/db';
import { TEST_DATABASE_URL } from '../support/test-env';

// A year no other test files in; the sweeps here only ever look at this file's entities.
const YEAR = 2039;
const RECLAMOS_PER_ENTIDAD = 1500;
const middayInLima = (date: string): Date => new Date(`${date}T17:00:00Z`);
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Staff {
  titular: string;
  alterno: string;
  jefe: string;
}

async function createStaff(dataSource: DataSource, entidadId: string): Promise<Staff> {
  const insert = async (rol: string): Promise<string> => {
    const email = `${uniqueCode(rol.slice(0, 4))}@prueba.gob.pe`.toLowerCase();
    await dataSource.query(`INSERT INTO usuario (entidad_id, email, nombre, rol, password_hash) VALUES ($1, $2, $3, $4, 'x')`, [
      entidadId,
      email,
      `Usuario ${rol}`,
      rol,
    ]);
    return email;
  };
  return { titular: await insert('responsable_titular'), alterno: await insert('responsable_alterno'), jefe: await insert('titular_entidad') };
}

/**
 * Many open reclamos in one statement, registered from 60 days to 1 day ago, so due from about two
 * weeks ago to six weeks ahead. Each carries the due date the calendar gives it (as a filing
 * would): the plazos recompute, which another test file may run at any moment over every open
 * reclamo, never sees them as stale and never moves them. Returns id → due date.
 */
async function insertReclamos(
  dataSource: DataSource,
  entidad: { id: string; codigo: string },
  today: string,
  calendar: BusinessCalendar,
  scope: CalendarScope,
): Promise<Map<string, string>> {
  const fechas: string[] = [];
  const vences: string[] = [];
  const registros: Date[] = [];
  let version = '';
  for (let g = 1; g <= RECLAMOS_PER_ENTIDAD; g++) {
    const fecha = addDays(today, -1 - (g % 60));
    const due = computeDueDate({ registeredAt: fecha, businessDays: 30, scope, calendar });
    fechas.push(fecha);
    vences.push(due.vence);
    registros.push(middayInLima(fecha));
    version = due.calendarVersion;
  }
  const rows: Array<{ id: string; vence: string }> = await dataSource.query(
    `INSERT INTO reclamo (entidad_id, codigo, anio, correlativo, estado, registrado_en, fecha_registro_lima, plazo_dias_habiles,
                          vence_el, calendario_version, aspecto, descripcion, notificacion_email)
     SELECT $1, $2 || '-${YEAR}-' || lpad(c.n::text, 6, '0'), ${YEAR}, c.n, 'registrado', c.registrado, c.fecha, 30,
            c.vence, $6, 'informacion', 'Caso de prueba del barrido interrumpido.', true
       FROM unnest($3::date[], $4::date[], $5::timestamptz[]) WITH ORDINALITY AS c(fecha, vence, registrado, n)
     RETURNING id, vence_el::text AS vence`,
    [entidad.id, entidad.codigo, fechas, vences, registros, version],
  );
  return new Map(rows.map((r) => [r.id, r.vence]));
}

/** What the sweep must record, computed here from the calendar: "reclamo:umbral" and "reclamo:umbral:recipient". */
function expectedOf(
  calendar: BusinessCalendar,
  today: string,
  scope: CalendarScope,
  reclamos: Map<string, string>,
  staff: Staff,
): { alerts: string[]; messages: string[] } {
  const bands = thresholdBands(calendar, today, UMBRALES_POR_DEFECTO, scope);
  const alerts: string[] = [];
  const messages: string[] = [];
  for (const [id, vence] of reclamos) {
    const band = bands.find((b) => (b.desde === null || vence >= b.desde) && vence < b.hasta);
    if (!band) continue;
    alerts.push(`${id}:${band.umbral}`);
    const recipients = band.umbral === UMBRAL_VENCIDO ? [staff.titular, staff.alterno, staff.jefe] : [staff.titular, staff.alterno];
    for (const email of recipients) messages.push(`${id}:${band.umbral}:${email}`);
  }
  return { alerts: alerts.sort(), messages: messages.sort() };
}

describe('Deadline sweep killed mid-way and restarted', () => {
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let clock: FixedClock;
  let calendars: CalendarRepository;
  /** This file's entities: their reclamos are closed in afterAll, however the test ended. */
  const propias: string[] = [];

  beforeAll(async () => {
    clock = new FixedClock(middayInLima(`${YEAR}-01-02`));
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ClockModule, PersistenceModule, PlazosModule] })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    context = await moduleRef.init();
    dataSource = context.get(DataSource);
    calendars = context.get(CalendarRepository);
  });
  afterAll(async () => {
    if (dataSource) await dataSource.query(`UPDATE reclamo SET estado = 'archivado' WHERE entidad_id = ANY ($1::uuid[]) AND estado <> 'archivado'`, [propias]);
    await context?.close();
  });

  it('sends no duplicate and misses nothing when a worker dies inside a sweep statement and the sweep runs again', async () => {
    const a = await createTestEntidad(dataSource, uniqueCode('CRA'));
    const b = await createTestEntidad(dataSource, uniqueCode('CRB'));
    propias.push(a.id, b.id);
    const staffA = await createStaff(dataSource, a.id);
    const staffB = await createStaff(dataSource, b.id);
    const calendar = await calendars.current();
    const today = calendar.businessDayOnOrAfter(`${YEAR}-${String(1 + Math.floor(Math.random() * 11)).padStart(2, '0')}-10`, {
      departamento: '15',
      entityCode: a.codigo,
    });
    clock.set(middayInLima(today));
    const reclamosA = await insertReclamos(dataSource, a, today, calendar, { departamento: '15', entityCode: a.codigo });
    const reclamosB = await insertReclamos(dataSource, b, today, calendar, { departamento: '15', entityCode: b.codigo });
    const expectedA = expectedOf(calendar, today, { departamento: '15', entityCode: a.codigo }, reclamosA, staffA);
    const expectedB = expectedOf(calendar, today, { departamento: '15', entityCode: b.codigo }, reclamosB, staffB);
    expect(expectedB.alerts.length).toBeGreaterThan(100);
    expect(expectedB.alerts.some((k) => k.endsWith(`:${UMBRAL_VENCIDO}`))).toBe(true);

    // The worker: a process of its own with its own connections.
    const workerDb = new DataSource(buildDataSourceOptions(TEST_DATABASE_URL, 2));
    await workerDb.initialize();
    const worker = new RunDeadlineSweepUseCase(workerDb, new CalendarRepository(workerDb), clock);

    // Its first batch (entity A) commits…
    await expect(worker.execute({ entidadIds: [a.id] })).resolves.toMatchObject({
      alertas: expectedA.alerts.length,
      notificaciones: expectedA.messages.length,
    });

    // …and it dies inside the statement of the next one (entity B). To die mid-way for certain, a
    // transaction of our own holds one of B's alerts uncommitted: the sweep's INSERT writes rows
    // until it reaches that one and waits there; then its backend is terminated.
    const blocker = dataSource.createQueryRunner();
    await blocker.connect();
    let blocked: Promise<unknown> | undefined;
    try {
      await blocker.startTransaction();
      const [{ pid: blockerPid }]: Array<{ pid: number }> = await blocker.query(`SELECT pg_backend_pid() AS pid`);
      const [heldId, heldUmbral] = expectedB.alerts[Math.floor(expectedB.alerts.length / 2)].split(':');
      await blocker.query(`INSERT INTO alerta_plazo (reclamo_id, umbral, entidad_id, vence_el, created_at) VALUES ($1, $2, $3, $4, now())`, [
        heldId,
        heldUmbral,
        b.id,
        reclamosB.get(heldId),
      ]);

      blocked = worker.execute({ entidadIds: [b.id] }).then(
        () => 'terminó',
        (error: unknown) => error,
      );
      let sweepPid: number | undefined;
      for (let i = 0; i < 200 && sweepPid === undefined; i++) {
        const waiting: Array<{ pid: number }> = await dataSource.query(
          `SELECT pid FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid)) AND query LIKE '%INSERT INTO alerta_plazo%'`,
          [blockerPid],
        );
        sweepPid = waiting[0]?.pid;
        if (sweepPid === undefined) await pause(50);
      }
      expect(sweepPid).toBeDefined();
      await dataSource.query(`SELECT pg_terminate_backend($1)`, [sweepPid]);
      const outcome = await blocked;
      expect(outcome).toBeInstanceOf(Error);
      expect(String(outcome)).toMatch(/terminat|administrator|Connection terminated/i);
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await blocker.release();
      await blocked;
      await workerDb.destroy().catch(() => undefined);
    }

    // Nothing of the killed statement survives (it rolled back whole)…
    const countOf = async (entidadId: string): Promise<{ alertas: number; mensajes: number }> => {
      const [row]: Array<{ alertas: number; mensajes: number }> = await dataSource.query(
        `SELECT (SELECT count(*) FROM alerta_plazo WHERE entidad_id = $1)::int AS alertas,
                (SELECT count(*) FROM outbox WHERE entidad_id = $1 AND tipo IN ('plazo_por_vencer', 'plazo_vencido'))::int AS mensajes`,
        [entidadId],
      );
      return row;
    };
    expect(await countOf(b.id)).toEqual({ alertas: 0, mensajes: 0 });
    expect(await countOf(a.id)).toEqual({ alertas: expectedA.alerts.length, mensajes: expectedA.messages.length });

    // …and the restarted worker's sweep over both entities sends exactly what was missing.
    const restarted = context.get(RunDeadlineSweepUseCase);
    await expect(restarted.execute({ entidadIds: [a.id, b.id] })).resolves.toMatchObject({
      alertas: expectedB.alerts.length,
      notificaciones: expectedB.messages.length,
    });
    await expect(restarted.execute({ entidadIds: [a.id, b.id] })).resolves.toMatchObject({ alertas: 0, notificaciones: 0 });

    for (const [entidad, expected] of [
      [a, expectedA],
      [b, expectedB],
    ] as const) {
      const alerts: Array<{ k: string; veces: number }> = await dataSource.query(
        `SELECT reclamo_id || ':' || umbral AS k, count(*)::int AS veces FROM alerta_plazo WHERE entidad_id = $1 GROUP BY 1`,
        [entidad.id],
      );
      expect(alerts.every((r) => r.veces === 1)).toBe(true);
      expect(alerts.map((r) => r.k).sort()).toEqual(expected.alerts);
      const messages: Array<{ k: string; veces: number }> = await dataSource.query(
        `SELECT reclamo_id || ':' || (datos->>'umbral') || ':' || destinatario AS k, count(*)::int AS veces
           FROM outbox WHERE entidad_id = $1 AND tipo IN ('plazo_por_vencer', 'plazo_vencido') GROUP BY 1`,
        [entidad.id],
      );
      expect(messages.every((r) => r.veces === 1)).toBe(true);
      expect(messages.map((r) => r.k).sort()).toEqual(expected.messages);
    }
  });
});
