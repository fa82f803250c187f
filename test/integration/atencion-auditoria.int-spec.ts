import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { AddNotaInternaUseCase, AtencionModule, GetReclamoUseCase } from '@app/atencion';
import { verifyAuditChain } from '@app/expediente';
import { EstadoReclamo } from '@app/domain';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule } from '@app/platform/config';
import { Clock, ClockModule, FixedClock } from '@app/platform/clock';
import { StaffUser } from '@app/staff';
import { insertReclamo, insertStaff } from '../support/atencion-factory';
import { createTestEntidad, uniqueCode } from '../support/db';
import { TEST_DATABASE_URL } from '../support/test-env';

const run = promisify(execFile);

/** The npm script `audit:verify`, run as the operator would (a separate process on the same database). */
async function auditVerifyCli(...entidadIds: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'libs/expediente/src/auditoria/verify-audit-chain.cli.ts', ...entidadIds],
      { env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: TEST_DATABASE_URL, TS_NODE_TRANSPILE_ONLY: 'true' }, timeout: 60_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('Audit trail: append-only, hash-chained per entity; reads in a log of their own', () => {
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let entidad: { id: string; codigo: string };
  let responsable: StaffUser;
  let reclamo: { id: string; codigo: string };

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ClockModule, PersistenceModule, AtencionModule] })
      .overrideProvider(Clock)
      .useValue(new FixedClock(new Date('2026-11-23T15:00:00Z')))
      .compile();
    context = await moduleRef.init();
    dataSource = context.get(DataSource);
    entidad = await createTestEntidad(dataSource, uniqueCode('AUD'));
    responsable = await insertStaff(dataSource, 'responsable_titular', entidad.id);
    reclamo = await insertReclamo(dataSource, entidad, { estado: EstadoReclamo.EN_ATENCION });
    const cmd = { actor: responsable, entidadId: entidad.id, reclamoId: reclamo.id, ip: '203.0.113.7' };
    await context.get(GetReclamoUseCase).execute(cmd);
    await context.get(AddNotaInternaUseCase).execute({ ...cmd, texto: 'Llamar a la unidad.' });
    await context.get(GetReclamoUseCase).execute(cmd);
    await context.get(AddNotaInternaUseCase).execute({ ...cmd, texto: 'La unidad respondió.' });
  });
  afterAll(async () => {
    await context.close();
  });

  async function entries(): Promise<Array<{ id: string; secuencia: string; accion: string; ip: string; actor_id: string }>> {
    return dataSource.query(`SELECT id::text AS id, secuencia::text AS secuencia, accion, ip, actor_id FROM auditoria WHERE entidad_id = $1 ORDER BY secuencia`, [
      entidad.id,
    ]);
  }

  async function reads(): Promise<Array<{ id: string; accion: string; ip: string; actor_id: string; actor_rol: string; reclamo_id: string; detalle: unknown }>> {
    return dataSource.query(`SELECT id::text AS id, accion, ip, actor_id, actor_rol, reclamo_id, detalle FROM registro_acceso WHERE entidad_id = $1 ORDER BY id`, [
      entidad.id,
    ]);
  }

  it('chains every change with actor, IP and a consecutive sequence; the views go to the log of reads, not the chain', async () => {
    const rows = await entries();
    expect(rows.map((r) => [r.secuencia, r.accion])).toEqual([
      ['1', 'nota_interna'],
      ['2', 'nota_interna'],
    ]);
    expect(rows.every((r) => r.ip === '203.0.113.7' && r.actor_id === responsable.id)).toBe(true);
    await expect(verifyAuditChain(dataSource, [entidad.id])).resolves.toEqual({ entidades: 1, entradas: 2, fallas: [] });

    const vistas = await reads();
    const esperada = {
      accion: 'caso_consultado',
      ip: '203.0.113.7',
      actor_id: responsable.id,
      actor_rol: 'responsable_titular',
      reclamo_id: reclamo.id,
      detalle: { codigo: reclamo.codigo, datosPersonales: ['reclamante'] },
    };
    expect(vistas).toEqual([expect.objectContaining(esperada), expect.objectContaining(esperada)]);
  });

  it("a staff read of a case does not wait for a transaction holding the entity's chain head (a sweep, a long write)", async () => {
    const antes = (await reads()).length;
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      await holder.query(`SELECT 1 FROM auditoria_cadena WHERE entidad_id = $1 FOR UPDATE`, [entidad.id]);
      const cmd = { actor: responsable, entidadId: entidad.id, reclamoId: reclamo.id, ip: '203.0.113.7' };
      // Were the read still chained, it would wait here until the rollback below, which comes only after the race.
      const leido = await Promise.race([
        context.get(GetReclamoUseCase).execute(cmd).then((d) => d.codigo),
        new Promise<string>((resolve) => setTimeout(() => resolve('esperando el bloqueo de la cadena'), 20_000).unref()),
      ]);
      expect(leido).toBe(reclamo.codigo);
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
    expect(await reads()).toHaveLength(antes + 1);
  }, 60_000);

  it('refuses UPDATE, DELETE and TRUNCATE through the application connection', async () => {
    const [first] = await entries();
    await expect(dataSource.query(`UPDATE auditoria SET ip = '1.1.1.1' WHERE id = $1`, [first.id])).rejects.toThrow(/solo agregar/);
    await expect(dataSource.query(`DELETE FROM auditoria WHERE id = $1`, [first.id])).rejects.toThrow(/solo agregar/);
    // Inside a transaction that is rolled back whatever happens: were the guard ever missing, the
    // audit trails of the other test files sharing this database would not go with it.
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await expect(runner.query(`TRUNCATE auditoria`)).rejects.toThrow(/solo agregar/);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await entries()).toHaveLength(2);
  });

  it('the log of reads refuses UPDATE, DELETE and TRUNCATE too', async () => {
    const [first] = await reads();
    await expect(dataSource.query(`UPDATE registro_acceso SET ip = '1.1.1.1' WHERE id = $1`, [first.id])).rejects.toThrow(/solo agregar/);
    await expect(dataSource.query(`DELETE FROM registro_acceso WHERE id = $1`, [first.id])).rejects.toThrow(/solo agregar/);
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await expect(runner.query(`TRUNCATE registro_acceso`)).rejects.toThrow(/solo agregar/);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect((await reads()).length).toBeGreaterThanOrEqual(2);
  });

  it('the check (library and `npm run audit:verify`) names the first entry altered directly in the database', async () => {
    const ok = await auditVerifyCli(entidad.id);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/Auditoría íntegra: 2 entradas/) });

    const [, second] = await entries();
    // A superuser can bypass the trigger; the chain still tells.
    await dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`UPDATE auditoria SET detalle = detalle || '{"notaId":"otra"}' WHERE id = $1`, [second.id]);
    });
    const report = await verifyAuditChain(dataSource, [entidad.id]);
    expect(report.fallas).toEqual([{ entidadId: entidad.id, id: second.id, secuencia: '2', motivo: expect.stringMatching(/alterada/) }]);

    const broken = await auditVerifyCli(entidad.id);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`primera entrada inválida ${second.id} (secuencia 2)`);
  }, 90_000);
});
