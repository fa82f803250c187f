import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AtencionModule,
  MOTIVO_NO_SUBSANADO,
  RecordSubsanacionUseCase,
  RequestSubsanacionUseCase,
  RunSubsanacionSweepUseCase,
  UpdateAjustesUseCase,
} from '@app/atencion';
import { ACTOR_SISTEMA, verifyAuditChain } from '@app/expediente';
import { EstadoReclamo } from '@app/domain';
import { TipoMensaje } from '@app/notifications';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule } from '@app/platform/config';
import { Clock, ClockModule, FixedClock } from '@app/platform/clock';
import { StaffUser } from '@app/staff';
import { reclamoFingerprint, insertReclamo, insertStaff } from '../support/atencion-factory';
import { createTestEntidad, uniqueCode } from '../support/db';

/** An hour of a date in Lima (UTC-5, no daylight saving); 10:00 by default. */
const lima = (date: string, hour = 10) => new Date(Date.parse(`${date}T00:00:00Z`) + (hour + 5) * 3_600_000);

describe('the end of the subsanación window (deadline sweep step; real PostgreSQL, FixedClock)', () => {
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let clock: FixedClock;
  let sweep: RunSubsanacionSweepUseCase;

  beforeAll(async () => {
    clock = new FixedClock(lima('2026-12-07'));
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ClockModule, PersistenceModule, AtencionModule] })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    context = await moduleRef.init();
    dataSource = context.get(DataSource);
    sweep = context.get(RunSubsanacionSweepUseCase);
  });
  afterAll(async () => {
    await context.close();
  });

  /** A fresh entity with both responsables, set to archive or flag. */
  async function entidadQue(modo: 'archivar' | 'marcar') {
    const entidad = await createTestEntidad(dataSource, uniqueCode(modo === 'archivar' ? 'SBA' : 'SBM'));
    const responsable = await insertStaff(dataSource, 'responsable_titular', entidad.id);
    const alterno = await insertStaff(dataSource, 'responsable_alterno', entidad.id);
    await context.get(UpdateAjustesUseCase).execute({ actor: responsable, subsanacionVencida: modo });
    return { entidad, responsable, alterno };
  }

  /** A reclamo in atención whose citizen is asked, at the clock's now, to complete it. */
  async function observado(entidad: { id: string; codigo: string }, actor: StaffUser) {
    const reclamo = await insertReclamo(dataSource, entidad, { estado: EstadoReclamo.EN_ATENCION, asignadoA: actor.id, fechaRegistro: '2026-12-01' });
    const pedido = await context
      .get(RequestSubsanacionUseCase)
      .execute({ actor, entidadId: entidad.id, reclamoId: reclamo.id, motivo: 'Indique la sede y la fecha de la atención.' });
    return { ...reclamo, vence: pedido.subsanacionVence };
  }

  const estadoOf = async (id: string): Promise<string> => {
    const [row]: Array<{ estado: string }> = await dataSource.query(`SELECT estado FROM reclamo WHERE id = $1`, [id]);
    return row.estado;
  };

  /** Everything the sweep could write for an entity, as one hash. */
  async function entityFingerprint(entidadId: string): Promise<string> {
    const [row]: Array<{ f: string }> = await dataSource.query(
      `SELECT concat_ws('|',
         (SELECT jsonb_agg(to_jsonb(r) ORDER BY r.id)::text FROM reclamo r WHERE r.entidad_id = $1),
         (SELECT count(*)::text FROM reclamo_evento e WHERE e.entidad_id = $1),
         (SELECT count(*)::text FROM outbox o WHERE o.entidad_id = $1),
         (SELECT count(*)::text FROM alerta_subsanacion a WHERE a.entidad_id = $1),
         (SELECT count(*)::text FROM auditoria a WHERE a.entidad_id = $1)) AS f`,
      [entidadId],
    );
    return createHash('sha256').update(row.f).digest('hex');
  }

  it("'archivar': archives the case the business day after its window, counted across the 8 and 9 December holidays, once", async () => {
    const { entidad, responsable } = await entidadQue('archivar');
    // Monday 7 December 2026: the window is Thursday 10 and Friday 11 (8 and 9 are national holidays).
    clock.set(lima('2026-12-07'));
    const sinRespuesta = await observado(entidad, responsable);
    const respondio = await observado(entidad, responsable);
    expect(sinRespuesta.vence).toBe('2026-12-11');
    const [stored]: Array<{ v: string }> = await dataSource.query(`SELECT subsanacion_vence_el::text AS v FROM reclamo WHERE id = $1`, [sinRespuesta.id]);
    expect(stored.v).toBe('2026-12-11');

    // The citizen of the second reclamo replies on Thursday 10, in time.
    clock.set(lima('2026-12-10'));
    await context.get(RecordSubsanacionUseCase).execute({ actor: responsable, entidadId: entidad.id, reclamoId: respondio.id, detalle: 'Sede central, 30/11.' });
    const respondioAntes = await reclamoFingerprint(dataSource, respondio.id);

    // Still inside the window: on the holidays, and on its last day until midnight in Lima.
    for (const [date, hour] of [['2026-12-08', 10], ['2026-12-09', 18], ['2026-12-11', 23]] as const) {
      clock.set(lima(date, hour));
      expect(await sweep.execute({ entidadIds: [entidad.id] })).toMatchObject({ archivados: 0, marcados: 0 });
    }
    expect(await estadoOf(sinRespuesta.id)).toBe(EstadoReclamo.OBSERVADO);

    // Saturday 12 December: the window has passed.
    clock.set(lima('2026-12-12', 8));
    expect(await sweep.execute({ entidadIds: [entidad.id] })).toEqual({ hoy: '2026-12-12', archivados: 1, marcados: 0, notificaciones: 0 });
    expect(await estadoOf(sinRespuesta.id)).toBe(EstadoReclamo.ARCHIVADO);
    const eventos: Array<Record<string, unknown>> = await dataSource.query(
      `SELECT tipo, estado_anterior, estado_nuevo, actor_tipo, actor_id, motivo, datos->>'accion' AS accion
         FROM reclamo_evento WHERE reclamo_id = $1 AND estado_nuevo = 'archivado'`,
      [sinRespuesta.id],
    );
    expect(eventos).toEqual([
      {
        tipo: 'cambio_estado',
        estado_anterior: 'observado',
        estado_nuevo: 'archivado',
        actor_tipo: 'sistema',
        actor_id: null,
        motivo: MOTIVO_NO_SUBSANADO,
        accion: 'archivado_no_subsanado',
      },
    ]);
    const audit: Array<{ accion: string; actor_id: string; actor_rol: string; estado: string }> = await dataSource.query(
      `SELECT accion, actor_id::text, actor_rol, detalle->>'estadoNuevo' AS estado FROM auditoria WHERE reclamo_id = $1 AND actor_rol = 'sistema'`,
      [sinRespuesta.id],
    );
    expect(audit).toEqual([{ accion: 'archivado', actor_id: ACTOR_SISTEMA.id, actor_rol: 'sistema', estado: 'archivado' }]);
    expect((await verifyAuditChain(dataSource, [entidad.id])).fallas).toEqual([]);

    // The reclamo whose citizen replied in time is untouched; a re-run (even days later) changes nothing.
    expect(await estadoOf(respondio.id)).toBe(EstadoReclamo.EN_ATENCION);
    expect(await reclamoFingerprint(dataSource, respondio.id)).toBe(respondioAntes);
    const before = await entityFingerprint(entidad.id);
    clock.set(lima('2026-12-15'));
    expect(await sweep.execute({ entidadIds: [entidad.id] })).toMatchObject({ archivados: 0 });
    expect(await entityFingerprint(entidad.id)).toBe(before);
  });

  it("'archivar': concurrent sweeps archive each case exactly once, with one timeline and one audit entry each", async () => {
    const { entidad, responsable } = await entidadQue('archivar');
    clock.set(lima('2026-12-07'));
    const reclamos = [];
    for (let i = 0; i < 6; i += 1) reclamos.push(await observado(entidad, responsable));
    clock.set(lima('2026-12-14'));
    const results = await Promise.all([1, 2, 3].map(() => sweep.execute({ entidadIds: [entidad.id] })));
    expect(results.reduce((n, r) => n + r.archivados, 0)).toBe(6);
    const [counts]: Array<{ eventos: number; auditoria: number; archivados: number }> = await dataSource.query(
      `SELECT (SELECT count(*) FROM reclamo_evento WHERE reclamo_id = ANY ($1::uuid[]) AND estado_nuevo = 'archivado')::int AS eventos,
              (SELECT count(*) FROM auditoria WHERE reclamo_id = ANY ($1::uuid[]) AND actor_rol = 'sistema')::int AS auditoria,
              (SELECT count(*) FROM reclamo WHERE id = ANY ($1::uuid[]) AND estado = 'archivado')::int AS archivados`,
      [reclamos.map((c) => c.id)],
    );
    expect(counts).toEqual({ eventos: 6, auditoria: 6, archivados: 6 });
    expect((await verifyAuditChain(dataSource, [entidad.id])).fallas).toEqual([]);
  });

  it("'marcar': flags the case for both responsables once (alert + outbox), leaves it observado, and skips the one that replied", async () => {
    const { entidad, responsable, alterno } = await entidadQue('marcar');
    clock.set(lima('2026-12-07'));
    const sinRespuesta = await observado(entidad, responsable);
    const respondio = await observado(entidad, responsable);
    clock.set(lima('2026-12-11', 9));
    await context.get(RecordSubsanacionUseCase).execute({ actor: responsable, entidadId: entidad.id, reclamoId: respondio.id, detalle: 'Sede central, 30/11.' });
    const respondioAntes = await reclamoFingerprint(dataSource, respondio.id);

    clock.set(lima('2026-12-11', 23));
    expect(await sweep.execute({ entidadIds: [entidad.id] })).toMatchObject({ marcados: 0, notificaciones: 0 });

    clock.set(lima('2026-12-14'));
    const results = await Promise.all([1, 2, 3].map(() => sweep.execute({ entidadIds: [entidad.id] })));
    expect(results.reduce((n, r) => n + r.marcados, 0)).toBe(1);
    expect(results.reduce((n, r) => n + r.notificaciones, 0)).toBe(2);
    expect(results.every((r) => r.archivados === 0)).toBe(true);
    expect(await estadoOf(sinRespuesta.id)).toBe(EstadoReclamo.OBSERVADO);
    const alertas: Array<{ reclamo_id: string; v: string }> = await dataSource.query(
      `SELECT reclamo_id, subsanacion_vence_el::text AS v FROM alerta_subsanacion WHERE entidad_id = $1`,
      [entidad.id],
    );
    expect(alertas).toEqual([{ reclamo_id: sinRespuesta.id, v: '2026-12-11' }]);
    const outbox: Array<{ destinatario: string; reclamo_id: string }> = await dataSource.query(
      `SELECT destinatario, reclamo_id FROM outbox WHERE entidad_id = $1 AND tipo = $2 ORDER BY destinatario`,
      [entidad.id, TipoMensaje.SUBSANACION_VENCIDA],
    );
    expect(outbox).toEqual(
      [responsable.email, alterno.email].sort().map((destinatario) => ({ destinatario, reclamo_id: sinRespuesta.id })),
    );
    expect(await reclamoFingerprint(dataSource, respondio.id)).toBe(respondioAntes);

    // Re-runs the next days send nothing more.
    const before = await entityFingerprint(entidad.id);
    clock.set(lima('2026-12-16'));
    expect(await sweep.execute({ entidadIds: [entidad.id] })).toMatchObject({ marcados: 0, notificaciones: 0 });
    expect(await entityFingerprint(entidad.id)).toBe(before);
  });
});
