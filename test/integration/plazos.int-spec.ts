import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { addDays, computeDueDate } from '@app/calendar';
import { verifyAuditChain } from '@app/expediente';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule } from '@app/platform/config';
import { Clock, ClockModule, FixedClock } from '@app/platform/clock';
import {
  AddDiaNoLaborableUseCase,
  CalendarActor,
  CalendarRepository,
  ComputePlazoUseCase,
  ConfirmRecalculoUseCase,
  ListDiasNoLaborablesUseCase,
  PlazosModule,
  PreviewRecalculoUseCase,
  RemoveDiaNoLaborableUseCase,
  RunDeadlineSweepUseCase,
} from '@app/plazos';
import { createTestEntidad, uniqueCode, withCalendarLock } from '../support/db';

// Reclamos and days of these tests live in a far-future year of their own, so they never move the due
// dates other test files check. Every reclamo is in an entity created here; afterAll closes them.
const SWEEP_YEAR = 2040 + Math.floor(Math.random() * 40);
const RECALCULO_YEAR = SWEEP_YEAR + 1;

const middayInLima = (date: string): Date => new Date(`${date}T17:00:00Z`);

async function createStaff(dataSource: DataSource, entidadId: string | null, rol: CalendarActor['rol']): Promise<CalendarActor & { email: string }> {
  const email = `${uniqueCode(rol.slice(0, 4))}@prueba.gob.pe`.toLowerCase();
  const [row]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO usuario (entidad_id, email, nombre, rol, password_hash) VALUES ($1, $2, $3, $4, 'x') RETURNING id`,
    [entidadId, email, `Usuario ${rol}`, rol],
  );
  return { id: row.id, rol, entidadId, email };
}

let correlativo = 0;
async function insertReclamo(
  dataSource: DataSource,
  entidad: { id: string; codigo: string },
  fields: { fechaRegistro: string; vence: string; estado?: string; plazo?: number; version?: string },
): Promise<string> {
  correlativo += 1;
  const anio = Number(fields.fechaRegistro.slice(0, 4));
  const [row]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO reclamo (entidad_id, codigo, anio, correlativo, estado, registrado_en, fecha_registro_lima, plazo_dias_habiles,
                          vence_el, calendario_version, aspecto, descripcion, notificacion_email)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'informacion', 'Caso de prueba de plazos.', true) RETURNING id`,
    [
      entidad.id,
      `${entidad.codigo}-${anio}-${String(correlativo).padStart(6, '0')}`,
      anio,
      correlativo,
      fields.estado ?? 'registrado',
      middayInLima(fields.fechaRegistro),
      fields.fechaRegistro,
      fields.plazo ?? 30,
      fields.vence,
      fields.version ?? 'prueba',
    ],
  );
  return row.id;
}

describe('Plazos on PostgreSQL', () => {
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let clock: FixedClock;
  let calendars: CalendarRepository;
  let sweep: RunDeadlineSweepUseCase;
  /** The entities these tests created: the only ones whose reclamos they close at the end. */
  const propias: string[] = [];
  const entidadPropia = async (prefix: string) => {
    const entidad = await createTestEntidad(dataSource, uniqueCode(prefix));
    propias.push(entidad.id);
    return entidad;
  };
  /** Closes this file's open reclamos, so no other file's recompute preview or sweep ever counts them. */
  const closeOwnReclamos = (ids: string[]) =>
    dataSource.query(`UPDATE reclamo SET estado = 'archivado' WHERE entidad_id = ANY ($1::uuid[]) AND estado <> 'archivado'`, [ids]);

  beforeAll(async () => {
    clock = new FixedClock(middayInLima(`${SWEEP_YEAR}-01-02`));
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule, ClockModule, PersistenceModule, PlazosModule],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    context = await moduleRef.init();
    dataSource = context.get(DataSource);
    calendars = context.get(CalendarRepository);
    sweep = context.get(RunDeadlineSweepUseCase);
  });
  afterAll(async () => {
    if (dataSource) await closeOwnReclamos(propias);
    await context?.close();
  });

  describe('deadline sweep', () => {
    it('fires each threshold exactly once per case over the days, across re-runs and concurrent sweeps, and never for closed cases', async () => {
      const entidad = await entidadPropia('SWP');
      const titular = await createStaff(dataSource, entidad.id, 'responsable_titular');
      const alterno = await createStaff(dataSource, entidad.id, 'responsable_alterno');
      const jefe = await createStaff(dataSource, entidad.id, 'titular_entidad');
      await createStaff(dataSource, entidad.id, 'oficial');
      const calendar = await calendars.current();
      const scope = { departamento: '15', entityCode: entidad.codigo };

      const start = calendar.businessDayOnOrAfter(`${SWEEP_YEAR}-06-01`, scope);
      const vence = calendar.addBusinessDays(start, 12, scope);
      const registro = start;
      // A 12-day plazo registered on a business day, so the stored due date is the calendar's own.
      const abierto = await insertReclamo(dataSource, entidad, { fechaRegistro: registro, vence, plazo: 12 });
      const respondidoAntes = await insertReclamo(dataSource, entidad, { fechaRegistro: registro, vence, plazo: 12 });
      const cerrado = await insertReclamo(dataSource, entidad, { fechaRegistro: registro, vence, plazo: 12, estado: 'archivado' });

      const end = calendar.addBusinessDays(vence, 2, scope);
      for (let day = start; day <= end; day = addDays(day, 1)) {
        clock.set(middayInLima(day));
        if (calendar.businessDaysBetween(day, vence, scope) === 6) {
          // Answered and notified with 6 business days left: the 5-day reminder must not come.
          await dataSource.query(`UPDATE reclamo SET estado = 'notificado' WHERE id = $1`, [respondidoAntes]);
        }
        // Two sweeps at once, then a re-run: the same day's alerts must not be sent twice.
        await Promise.all([sweep.execute({ entidadIds: [entidad.id] }), sweep.execute({ entidadIds: [entidad.id] })]);
        const again = await sweep.execute({ entidadIds: [entidad.id] });
        expect(again.alertas).toBe(0);
        expect(again.notificaciones).toBe(0);
      }

      const alertas: Array<{ reclamo_id: string; umbral: string }> = await dataSource.query(
        `SELECT reclamo_id, umbral FROM alerta_plazo WHERE entidad_id = $1 ORDER BY created_at`,
        [entidad.id],
      );
      expect(alertas.filter((a) => a.reclamo_id === abierto).map((a) => a.umbral)).toEqual(['10', '5', '2', '1', 'vencido']);
      expect(alertas.filter((a) => a.reclamo_id === respondidoAntes).map((a) => a.umbral)).toEqual(['10']);
      expect(alertas.filter((a) => a.reclamo_id === cerrado)).toEqual([]);

      const outbox: Array<{ reclamo_id: string; umbral: string; tipo: string; destinatario: string; veces: number }> = await dataSource.query(
        `SELECT reclamo_id, datos->>'umbral' AS umbral, tipo, destinatario, count(*)::int AS veces
           FROM outbox WHERE entidad_id = $1 AND tipo IN ('plazo_por_vencer', 'plazo_vencido')
          GROUP BY 1, 2, 3, 4`,
        [entidad.id],
      );
      expect(outbox.every((o) => o.veces === 1)).toBe(true);
      const recipientsOf = (reclamoId: string, umbral: string): string[] =>
        outbox.filter((o) => o.reclamo_id === reclamoId && o.umbral === umbral).map((o) => o.destinatario).sort();
      for (const umbral of ['10', '5', '2', '1']) {
        expect(recipientsOf(abierto, umbral)).toEqual([titular.email, alterno.email].sort());
      }
      // Overdue escalates to the titular de la entidad as well.
      expect(recipientsOf(abierto, 'vencido')).toEqual([titular.email, alterno.email, jefe.email].sort());
      expect(outbox.find((o) => o.reclamo_id === abierto && o.umbral === 'vencido')?.tipo).toBe('plazo_vencido');
      expect(outbox.filter((o) => o.reclamo_id === respondidoAntes).map((o) => o.umbral)).toEqual(['10', '10']);
      expect(outbox.filter((o) => o.reclamo_id === cerrado)).toEqual([]);
    });

    it("uses the entity's own thresholds and leaves other entities' cases alone", async () => {
      const propia = await entidadPropia('UMB');
      const otra = await entidadPropia('OTR');
      await dataSource.query(`UPDATE entidad SET umbrales_alerta = '{3}' WHERE id = $1`, [propia.id]);
      await createStaff(dataSource, propia.id, 'responsable_titular');
      const calendar = await calendars.current();
      const today = calendar.businessDayOnOrAfter(`${SWEEP_YEAR}-09-01`, { departamento: '15', entityCode: propia.codigo });
      clock.set(middayInLima(today));
      const vence = calendar.addBusinessDays(today, 3, { departamento: '15', entityCode: propia.codigo });
      const reclamo = await insertReclamo(dataSource, propia, { fechaRegistro: today, vence, plazo: 3 });
      const ajeno = await insertReclamo(dataSource, otra, { fechaRegistro: today, vence, plazo: 3 });

      const result = await sweep.execute({ entidadIds: [propia.id] });
      expect(result).toMatchObject({ alertas: 1, notificaciones: 1 });
      const rows: Array<{ reclamo_id: string; umbral: string }> = await dataSource.query(
        `SELECT reclamo_id, umbral FROM alerta_plazo WHERE reclamo_id = ANY ($1::uuid[])`,
        [[reclamo, ajeno]],
      );
      expect(rows).toEqual([{ reclamo_id: reclamo, umbral: '3' }]);
    });
  });

  describe('non-working days and the recompute', () => {
    it('adds a decreed day, previews the open cases that move, confirms, and leaves closed cases alone', async () => {
      const entidad = await entidadPropia('REC');
      const admin = await createStaff(dataSource, null, 'administrador');
      const scope = { departamento: '15', entityCode: entidad.codigo };
      // The preview and the confirm cover every open reclamo on the platform, and other test files run
      // at the same time: the figures they return are checked to include this test's reclamos, and what
      // moved is checked reclamo by reclamo on this test's own. The day goes in a far-future year no other
      // file files in, and while this test runs no other test changes the calendar (its version).
      await withCalendarLock(dataSource, async () => {
        let dia: { id: string } | undefined;
        try {
          const before = await calendars.current();
          const registro = before.businessDayOnOrAfter(`${RECALCULO_YEAR}-08-03`, scope);
          const dueBefore = computeDueDate({ registeredAt: registro, businessDays: 30, scope, calendar: before });
          const decreedDay = before.addBusinessDays(registro, 10, scope);
          const later = before.addBusinessDays(decreedDay, 5, scope);
          const dueLater = computeDueDate({ registeredAt: later, businessDays: 30, scope, calendar: before });

          const abiertos = [
            await insertReclamo(dataSource, entidad, { fechaRegistro: registro, vence: dueBefore.vence, version: before.version }),
            await insertReclamo(dataSource, entidad, { fechaRegistro: registro, vence: dueBefore.vence, estado: 'en_atencion', version: before.version }),
          ];
          const cerrado = await insertReclamo(dataSource, entidad, { fechaRegistro: registro, vence: dueBefore.vence, estado: 'archivado', version: before.version });
          const posterior = await insertReclamo(dataSource, entidad, { fechaRegistro: later, vence: dueLater.vence, version: before.version });

          dia = await context.get(AddDiaNoLaborableUseCase).execute({
            actor: admin,
            tipo: 'decretado',
            fecha: decreedDay,
            decreto: 'D.S. N° 999-2040-PCM',
            descripcion: 'Día no laborable de prueba',
          });
          expect(dia).toMatchObject({ tipo: 'decretado', fecha: decreedDay, decreto: 'D.S. N° 999-2040-PCM' });

          // New computations see the day at once (the cache was invalidated)…
          const plazo = await context.get(ComputePlazoUseCase).execute({ desde: registro, dias: 30 });
          expect(plazo.omitidos).toContainEqual({ fecha: decreedDay, motivo: 'Día no laborable (D.S. N° 999-2040-PCM)' });
          // …and so does another process's cache, through the revision row.
          const otherProcess = new CalendarRepository(dataSource);
          expect((await otherProcess.current()).isBusinessDay(decreedDay)).toBe(false);

          const after = await calendars.current();
          const expected = computeDueDate({ registeredAt: registro, businessDays: 30, scope, calendar: after }).vence;
          const shift = Math.round((Date.parse(expected) - Date.parse(dueBefore.vence)) / 86_400_000);
          expect(shift).toBeGreaterThan(0);

          // …but stored due dates do not move until an administrator confirms.
          const preview = await context.get(PreviewRecalculoUseCase).execute(admin);
          expect(preview.version).toBe(after.version);
          expect(preview.casosQueCambian).toBeGreaterThanOrEqual(abiertos.length);
          expect(preview.casosAbiertos).toBeGreaterThanOrEqual(abiertos.length + 1);
          expect(preview.desplazamientoMinDias).toBeLessThanOrEqual(shift);
          expect(preview.desplazamientoMaxDias).toBeGreaterThanOrEqual(shift);
          const venceOf = async (id: string): Promise<{ vence: string; version: string }> => {
            const rows: Array<{ vence: string; version: string }> = await dataSource.query(
              `SELECT vence_el::text AS vence, calendario_version AS version FROM reclamo WHERE id = $1`,
              [id],
            );
            return rows[0];
          };
          for (const id of [...abiertos, cerrado]) expect(await venceOf(id)).toEqual({ vence: dueBefore.vence, version: before.version });

          const confirm = context.get(ConfirmRecalculoUseCase);
          await expect(confirm.execute({ actor: admin, version: before.version })).rejects.toMatchObject({ code: 'CONFLICT' });
          for (const id of abiertos) expect(await venceOf(id)).toEqual({ vence: dueBefore.vence, version: before.version });
          const confirmed = await confirm.execute({ actor: admin, version: preview.version });
          expect(confirmed.version).toBe(after.version);
          expect(confirmed.casosMovidos).toBeGreaterThanOrEqual(abiertos.length);

          for (const id of abiertos) expect(await venceOf(id)).toEqual({ vence: expected, version: after.version });
          expect(await venceOf(cerrado)).toEqual({ vence: dueBefore.vence, version: before.version });
          expect(await venceOf(posterior)).toEqual({ vence: dueLater.vence, version: before.version });

          const eventosOf = async (): Promise<Array<{ reclamo_id: string; actor_tipo: string; actor_id: string; datos: Record<string, string> }>> =>
            dataSource.query(`SELECT reclamo_id, actor_tipo, actor_id, datos FROM reclamo_evento WHERE entidad_id = $1 AND tipo = 'plazo_recalculado'`, [
              entidad.id,
            ]);
          const eventos = await eventosOf();
          expect(eventos.map((e) => e.reclamo_id).sort()).toEqual([...abiertos].sort());
          for (const evento of eventos) {
            expect(evento).toMatchObject({ actor_tipo: 'personal', actor_id: admin.id });
            expect(evento.datos).toMatchObject({ venceAnterior: dueBefore.vence, venceNuevo: expected, calendarioVersion: after.version });
          }

          // Each moved reclamo has one audit entry in its entity's chain, naming its timeline entry.
          const auditoriaOf = async (): Promise<Array<{ reclamo_id: string; actor_id: string; actor_rol: string; detalle: Record<string, string> }>> =>
            dataSource.query(`SELECT reclamo_id, actor_id, actor_rol, detalle FROM auditoria WHERE entidad_id = $1 AND accion = 'plazo_recalculado'`, [
              entidad.id,
            ]);
          const auditoria = await auditoriaOf();
          expect(auditoria.map((a) => a.reclamo_id).sort()).toEqual([...abiertos].sort());
          const eventoIds: Array<{ reclamo_id: string; id: string }> = await dataSource.query(
            `SELECT reclamo_id, id::text AS id FROM reclamo_evento WHERE entidad_id = $1 AND tipo = 'plazo_recalculado'`,
            [entidad.id],
          );
          for (const entrada of auditoria) {
            expect(entrada).toMatchObject({ actor_id: admin.id, actor_rol: 'administrador' });
            expect(entrada.detalle).toMatchObject({
              venceAnterior: dueBefore.vence,
              venceNuevo: expected,
              calendarioVersion: after.version,
              eventoId: eventoIds.find((e) => e.reclamo_id === entrada.reclamo_id)?.id,
            });
          }
          expect(await verifyAuditChain(dataSource, [entidad.id])).toMatchObject({ fallas: [] });

          // Confirming again moves none of these reclamos and adds no timeline or audit entry to them.
          await expect(confirm.execute({ actor: admin, version: after.version })).resolves.toMatchObject({ version: after.version });
          for (const id of abiertos) expect(await venceOf(id)).toEqual({ vence: expected, version: after.version });
          expect(await eventosOf()).toHaveLength(abiertos.length);
          expect(await auditoriaOf()).toHaveLength(abiertos.length);

          // Without the day these reclamos' stored due dates are stale again: closed first, so no other
          // file's recompute preview ever counts them.
          await closeOwnReclamos([entidad.id]);
          await context.get(RemoveDiaNoLaborableUseCase).execute({ actor: admin, id: dia.id });
          dia = undefined;
          expect((await calendars.current()).isBusinessDay(decreedDay)).toBe(true);
        } finally {
          // Whatever failed above, the national day this test decreed does not outlive it.
          if (dia) {
            await closeOwnReclamos([entidad.id]);
            await context.get(RemoveDiaNoLaborableUseCase).execute({ actor: admin, id: dia.id });
          }
        }
      });
    });

    it('lets only administrators change decreed days and only an entity’s responsables its closures', async () => {
      // Adds and removes a closure: the calendar's version moves (see withCalendarLock).
      await withCalendarLock(dataSource, async () => {
        const a = await entidadPropia('ROLA');
        const b = await entidadPropia('ROLB');
        const responsableA = await createStaff(dataSource, a.id, 'responsable_alterno');
        const responsableB = await createStaff(dataSource, b.id, 'responsable_titular');
        const oficialA = await createStaff(dataSource, a.id, 'oficial');
        const admin = await createStaff(dataSource, null, 'administrador');
        const add = context.get(AddDiaNoLaborableUseCase);
        const remove = context.get(RemoveDiaNoLaborableUseCase);
        const list = context.get(ListDiasNoLaborablesUseCase);
        const fecha = (await calendars.current()).businessDayOnOrAfter(`${RECALCULO_YEAR}-11-16`);

        await expect(
          add.execute({ actor: responsableA, tipo: 'decretado', fecha, decreto: 'D.S. N° 1-2040-PCM', descripcion: 'No puede' }),
        ).rejects.toMatchObject({ code: 'FORBIDDEN' });
        await expect(add.execute({ actor: admin, tipo: 'cierre_entidad', fecha, descripcion: 'No puede' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
        await expect(add.execute({ actor: oficialA, tipo: 'cierre_entidad', fecha, descripcion: 'No puede' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
        await expect(add.execute({ actor: admin, tipo: 'regional', fecha, departamento: '99', descripcion: 'Mal' })).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
          errores: [{ campo: 'departamento' }],
        });

        const cierre = await add.execute({ actor: responsableA, tipo: 'cierre_entidad', fecha, descripcion: 'Inventario anual' });
        expect(cierre).toMatchObject({ tipo: 'cierre_entidad', entidad: a.codigo });
        await expect(add.execute({ actor: responsableA, tipo: 'cierre_entidad', fecha, descripcion: 'Otra vez' })).rejects.toMatchObject({
          code: 'CONFLICT',
        });
        const calendar = await calendars.current();
        expect(calendar.isBusinessDay(fecha, { entityCode: a.codigo })).toBe(false);
        expect(calendar.isBusinessDay(fecha, { entityCode: b.codigo })).toBe(true);

        // Entity B should not see nor remove entity A's closure.
        expect((await list.execute({ actor: responsableB, anio: RECALCULO_YEAR })).map((d) => d.id)).not.toContain(cierre.id);
        expect((await list.execute({ actor: responsableA, anio: RECALCULO_YEAR })).map((d) => d.id)).toContain(cierre.id);
        await expect(remove.execute({ actor: responsableB, id: cierre.id })).rejects.toMatchObject({ code: 'DIA_NO_LABORABLE_NOT_FOUND' });
        await expect(remove.execute({ actor: oficialA, id: cierre.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
        await expect(context.get(PreviewRecalculoUseCase).execute(responsableA)).rejects.toMatchObject({ code: 'FORBIDDEN' });

        await remove.execute({ actor: responsableA, id: cierre.id });
        expect((await calendars.current()).isBusinessDay(fecha, { entityCode: a.codigo })).toBe(true);
      });
    });
  });
});
