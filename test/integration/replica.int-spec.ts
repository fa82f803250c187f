import { INestApplicationContext } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AdopcionModule, GetRankingUseCase } from '@app/adopcion';
import { EstadoReclamo } from '@app/domain';
import { ActualizarCifrasUseCase, GetCifraPorPeriodosUseCase, GetCifrasEntidadUseCase, MedicionModule } from '@app/medicion';
import { buildDataSourceOptions, LecturasReplica, PersistenceModule } from '@app/persistence';
import { seed } from '@app/persistence/seed';
import { Clock, ClockModule, FixedClock } from '@app/platform/clock';
import { validateEnvironment } from '@app/platform/config';
import { StaffUser } from '@app/staff';
import { actualizarHastaIncluir, crearEntidadCifras, enLima, insertarCaso } from '../support/cifras-fixture';
import { PgPrimarioConReplica } from '../support/pg-replica';
import { waitFor } from '../support/wait-for';

const BASE = 'reclamos';
const marzo = { desde: '2031-03-01', hasta: '2031-03-31' };
const coordinador: StaffUser = { id: randomUUID(), email: 'coordinacion@example.gob.pe', nombre: 'Coordinación', rol: 'coordinador', entidadId: null };

/**
 * The app's modules on a DataSource built from `variables` (DATABASE_URL, DATABASE_REPLICA_URL) as the apps build
 * theirs: the same validation, PersistenceModule's factory, the figures' and the console's use cases.
 */
async function contexto(variables: Record<string, string>): Promise<INestApplicationContext> {
  const env = validateEnvironment({ ...process.env, ...variables });
  const antes = new Set(Object.keys(process.env));
  const moduleRef = await Test.createTestingModule({
    imports: [
      // skipProcessEnv: two contexts with different variables in one process must not read each other's.
      ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, ignoreEnvVars: true, skipProcessEnv: true, cache: true, validate: () => env }),
      ClockModule,
      PersistenceModule,
      MedicionModule,
      AdopcionModule,
    ],
  })
    .overrideProvider(Clock)
    .useValue(new FixedClock(enLima('2031-04-20')))
    .compile();
  // @nestjs/config copies the validated variables it did not find into process.env: taken back, for the next context.
  for (const clave of Object.keys(process.env)) if (!antes.has(clave)) delete process.env[clave];
  return moduleRef.init();
}

const enRecuperacion = (filas: Array<{ r: boolean }>) => filas[0].r;

describe('aggregate reads on a streaming replica (DATABASE_REPLICA_URL; a primary and a hot standby of this test\'s own)', () => {
  let par: PgPrimarioConReplica | undefined;
  let conReplica: INestApplicationContext | undefined;
  let sinReplica: INestApplicationContext | undefined;
  let primario: DataSource;
  const medido: Record<string, number> = {};

  beforeAll(async () => {
    par = await PgPrimarioConReplica.iniciar();
    medido.arranqueMs = par.msArranque;
    await par.crearBase(BASE);
    // As test/support/global-setup.ts: the migrations production runs, then the seed; on the primary only.
    const migrar = new DataSource(buildDataSourceOptions(par.primario.url(BASE), 2));
    await migrar.initialize();
    try {
      await migrar.runMigrations({ transaction: 'each' });
      await seed(migrar);
    } finally {
      await migrar.destroy();
    }
    medido.replicaMigracionesMs = await par.alcanzarPrimario();
    conReplica = await contexto({ DATABASE_URL: par.primario.url(BASE), DATABASE_REPLICA_URL: par.replica.url(BASE) });
    sinReplica = await contexto({ DATABASE_URL: par.primario.url(BASE) });
    primario = conReplica.get(DataSource);
  }, 240_000);

  afterAll(async () => {
    await conReplica?.close();
    await sinReplica?.close();
    par?.detener();
    process.stderr.write(`[replica] medido: ${JSON.stringify(medido)}\n`);
  });

  it('sends LecturasReplica to the replica, and the DataSource (queries, query builder, transactions) to the primary', async () => {
    const lecturas = conReplica!.get(LecturasReplica);
    expect(lecturas.servidor).toBe('replica');
    expect(enRecuperacion(await lecturas.consultar(`SELECT pg_is_in_recovery() AS r`))).toBe(true);
    expect(enRecuperacion(await primario.query(`SELECT pg_is_in_recovery() AS r`))).toBe(false);
    // TypeORM's own default would send the query builder's SELECTs to the replica: defaultMode 'master' keeps them home.
    expect(await primario.createQueryBuilder().select('pg_is_in_recovery()', 'r').fromDummy().getRawOne()).toEqual({ r: false });
    expect(enRecuperacion(await primario.transaction((m) => m.query(`SELECT pg_is_in_recovery() AS r`)))).toBe(false);
  });

  it('without DATABASE_REPLICA_URL, LecturasReplica reads the primary', async () => {
    const lecturas = sinReplica!.get(LecturasReplica);
    expect(lecturas.servidor).toBe('primario');
    expect(enRecuperacion(await lecturas.consultar(`SELECT pg_is_in_recovery() AS r`))).toBe(false);
  });

  it('refuses a write sent through LecturasReplica, on the replica and on the primary alike (read-only transaction)', async () => {
    for (const c of [conReplica!, sinReplica!]) {
      await expect(c.get(LecturasReplica).consultar(`UPDATE entidad SET nombre = nombre WHERE false`)).rejects.toThrow(/read-only transaction/);
    }
    // The connection went back to its pool clean: the next read works.
    expect(enRecuperacion(await conReplica!.get(LecturasReplica).consultar(`SELECT pg_is_in_recovery() AS r`))).toBe(true);
  });

  it('the figures and the ranking read the replica: paused, it does not show what the primary wrote; resumed, it does; the audit is written on the primary', async () => {
    const cifrasReplica = conReplica!.get(GetCifrasEntidadUseCase);
    const cifrasPrimario = sinReplica!.get(GetCifrasEntidadUseCase);
    const serie = conReplica!.get(GetCifraPorPeriodosUseCase);
    const ranking = conReplica!.get(GetRankingUseCase);
    const entidad = await crearEntidadCifras(primario, 'REP');
    medido.lagEntidadMs = await par!.alcanzarPrimario();
    expect((await cifrasReplica.execute({ entidadId: entidad.id, periodo: marzo, filtros: {} })).resumen.recibidos).toBe(0);

    await par!.pausar();
    try {
      // The app's write path, with the replica configured: the case, then the rollup job, both on the primary.
      await insertarCaso(primario, entidad, { registradoEn: enLima('2031-03-10'), fechaRegistro: '2031-03-10', estado: EstadoReclamo.EN_ATENCION, venceEl: '2031-04-21' });
      await actualizarHastaIncluir(primario, entidad.id, () => conReplica!.get(ActualizarCifrasUseCase).execute());

      expect((await cifrasPrimario.execute({ entidadId: entidad.id, periodo: marzo, filtros: {} })).resumen.recibidos).toBe(1);
      const enReplica = await cifrasReplica.execute({ entidadId: entidad.id, periodo: marzo, filtros: {} });
      expect(enReplica.resumen.recibidos).toBe(0);
      expect(enReplica.ahora.abiertos).toBe(0);
      expect(await serie.execute({ entidadId: entidad.id, cifra: 'recibidos', filtros: {}, periodos: [marzo] })).toEqual([0]);

      const vista = await ranking.execute({ actor: coordinador, periodo: { clave: '2031-03', ...marzo }, filtros: {}, ip: null });
      const fila = [...vista.ranking, ...vista.sinCasosSuficientes].find((f) => f.codigo === entidad.codigo);
      expect(fila).toMatchObject({ recibidos: 0 });
      // The read was recorded in the log of reads: on the primary, not (yet) on the paused replica.
      const auditadas = `SELECT count(*)::int AS n FROM registro_acceso WHERE entidad_id = $1 AND accion = 'cifras_consultadas' AND actor_id = $2`;
      expect(await primario.query(auditadas, [entidad.id, coordinador.id])).toEqual([{ n: 1 }]);
      expect(await par!.replica.consultar(BASE, auditadas, [entidad.id, coordinador.id])).toEqual([{ n: 0 }]);
    } finally {
      await par!.reanudar();
    }

    const reanudada = Date.now();
    await waitFor('las cifras de la réplica muestran el caso', async () => {
      const c = await cifrasReplica.execute({ entidadId: entidad.id, periodo: marzo, filtros: {} });
      return c.resumen.recibidos === 1;
    }, 15_000, 20);
    medido.verTrasReanudarMs = Date.now() - reanudada;
    const c = await cifrasReplica.execute({ entidadId: entidad.id, periodo: marzo, filtros: {} });
    expect(c.ahora.abiertos).toBe(1);
    const vista = await ranking.execute({ actor: coordinador, periodo: { clave: '2031-03', ...marzo }, filtros: {}, ip: null });
    expect([...vista.ranking, ...vista.sinCasosSuficientes].find((f) => f.codigo === entidad.codigo)).toMatchObject({ recibidos: 1 });
  });
});
