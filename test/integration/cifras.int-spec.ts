import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { Aspecto, EstadoReclamo } from '@app/domain';
import { ActualizarCifrasUseCase, GetCifraPorPeriodosUseCase, GetCifrasEntidadUseCase, GetCifrasNacionalesUseCase, MedicionModule, ReconstruirCifrasUseCase } from '@app/medicion';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule } from '@app/platform/config';
import { Clock, ClockModule, FixedClock } from '@app/platform/clock';
import { CalendarRepository, scopeOfEntidad } from '@app/plazos';
import { actualizarHastaIncluir, crearEntidadCifras, insertarCaso, EntidadCifras, enLima, sembrarCasosCifras } from '../support/cifras-fixture';

describe('the figures from their rollups (real PostgreSQL; hand-counted set straddling months, Easter and the Lima midnight)', () => {
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let actualizar: ActualizarCifrasUseCase;
  let cifras: GetCifrasEntidadUseCase;
  let entidad: EntidadCifras;
  let ids: Record<string, string>;
  const marzo = { desde: '2031-03-01', hasta: '2031-03-31' };
  const abril = { desde: '2031-04-01', hasta: '2031-04-30' };

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ClockModule, PersistenceModule, MedicionModule] })
      .overrideProvider(Clock)
      .useValue(new FixedClock(enLima('2031-04-20')))
      .compile();
    context = await moduleRef.init();
    dataSource = context.get(DataSource);
    actualizar = context.get(ActualizarCifrasUseCase);
    cifras = context.get(GetCifrasEntidadUseCase);
    entidad = await crearEntidadCifras(dataSource, 'CIF');
    ids = await sembrarCasosCifras(dataSource, entidad);
    await actualizarHastaIncluir(dataSource, entidad.id, () => actualizar.execute());
  });

  afterAll(async () => {
    await context.close();
  });

  it('counts March as a person would by hand', async () => {
    const c = await cifras.execute({ entidadId: entidad.id, periodo: marzo, filtros: {} });
    // Received by Lima registration date: A, B (23:30 on 31 Mar), C (a Saturday), E, F, G, H; not D (Feb) or J (Jan).
    expect(c.resumen.recibidos).toBe(7);
    // Answered by notification date: A 10, D 4, G 12, J 33 business days.
    expect(c.resumen.notificados).toBe(4);
    expect(c.resumen.notificadosEnPlazoLegal).toBe(3);
    expect(c.resumen.enPlazoLegalPct).toBe(75);
    // D took 4 days with a 3-day target; J is late for both.
    expect(c.resumen.notificadosEnMeta).toBe(2);
    expect(c.resumen.enMetaPct).toBe(50);
    expect(c.resumen.diasHabilesMedia).toBe(14.8); // 59 / 4
    expect(c.resumen.diasHabilesMediana).toBe(11); // (10 + 12) / 2
    expect(c.resumen.anulados).toBe(1); // E at 23:59 of 31 Mar in Lima
    expect(c.resumen.reconducidos).toBe(0); // F at 00:01 of 1 Apr in Lima
    expect(c.resumen.subsanaciones).toEqual({ pedidas: 1, respondidas: 1, vencidas: 0 });
    expect(c.resumen.satisfaccion).toEqual({
      encuestas: 2, tasaRespuesta: 50, general: 3, rapidez: 3, claridad: 2.5, trato: 3.5, resueltoPct: 50, resueltoEnPartePct: 0,
    });
    // Now (20 Apr): B and H are open, H past its due date.
    expect(c.ahora).toEqual({ fecha: '2031-04-20', abiertos: 2, vencidos: 1, subsanacionesVencidas: 0 });
    expect(c.porMes).toEqual([{ mes: '2031-03', recibidos: 7, notificados: 4, notificadosEnPlazoLegal: 3 }]);
    expect(c.porUnidad.map((d) => [d.etiqueta, d.recibidos])).toEqual([['unidad_organica principal', 6], ['Oficina de Trámite', 1]]);
    expect(c.porSede.map((d) => [d.etiqueta, d.recibidos])).toEqual([['sede principal', 6], ['Sede Norte', 1]]);
    expect(c.porAspecto.map((d) => [d.clave, d.recibidos, d.notificados])).toEqual([['tiempo_espera', 6, 3], ['informacion', 1, 1]]);
  });

  it('counts April: Easter skipped, the weekend filing counted from Monday', async () => {
    const c = await cifras.execute({ entidadId: entidad.id, periodo: abril, filtros: {} });
    expect(c.resumen.recibidos).toBe(0);
    // C: 28 business days, within the law's 30, beyond the entity's 20.
    expect(c.resumen).toMatchObject({ notificados: 1, notificadosEnPlazoLegal: 1, notificadosEnMeta: 0, diasHabilesMedia: 28, diasHabilesMediana: 28 });
    expect(c.resumen.reconducidos).toBe(1);
  });

  it('applies the filters and spans a quarter', async () => {
    const fisico = await cifras.execute({ entidadId: entidad.id, periodo: marzo, filtros: { canal: 'fisico' as never, unidadId: entidad.unidades.U2 } });
    expect(fisico.resumen).toMatchObject({ recibidos: 1, notificados: 1, notificadosEnPlazoLegal: 1, diasHabilesMediana: 12 });
    expect(fisico.ahora).toMatchObject({ abiertos: 0, vencidos: 0 });
    const trimestre = await cifras.execute({ entidadId: entidad.id, periodo: { desde: '2031-01-01', hasta: '2031-03-31' }, filtros: {} });
    expect(trimestre.resumen).toMatchObject({ recibidos: 9, notificados: 4 });
    expect(trimestre.porMes.map((p) => p.recibidos)).toEqual([1, 1, 7]);
  });

  it('gives one figure per period in one query, each what the entity\'s figures say for that period', async () => {
    const serie = context.get(GetCifraPorPeriodosUseCase);
    const meses = [{ desde: '2031-01-01', hasta: '2031-01-31' }, { desde: '2031-02-01', hasta: '2031-02-28' }, marzo, abril];
    expect(await serie.execute({ entidadId: entidad.id, cifra: 'recibidos', filtros: {}, periodos: meses })).toEqual([1, 1, 7, 0]);
    expect(await serie.execute({ entidadId: entidad.id, cifra: 'enPlazoLegalPct', filtros: {}, periodos: meses })).toEqual([null, null, 75, 100]);
    expect(await serie.execute({ entidadId: entidad.id, cifra: 'satisfaccionGeneral', filtros: {}, periodos: meses })).toEqual([null, null, 3, null]);
    expect(await serie.execute({ entidadId: entidad.id, cifra: 'recibidos', filtros: { aspecto: Aspecto.INFORMACION, sedeId: entidad.sedes.S2 }, periodos: [marzo] })).toEqual([1]);
    for (const periodo of meses) {
      const { resumen } = await cifras.execute({ entidadId: entidad.id, periodo, filtros: { unidadId: entidad.unidades.U1 } });
      const [recibidos] = await serie.execute({ entidadId: entidad.id, cifra: 'recibidos', filtros: { unidadId: entidad.unidades.U1 }, periodos: [periodo] });
      const [notificados] = await serie.execute({ entidadId: entidad.id, cifra: 'notificados', filtros: { unidadId: entidad.unidades.U1 }, periodos: [periodo] });
      expect([recibidos, notificados]).toEqual([resumen.recibidos, resumen.notificados]);
    }
    // Another entity's catalogue row matches nothing of this entity; an empty list asks nothing.
    expect(await serie.execute({ entidadId: entidad.id, cifra: 'recibidos', filtros: { sedeId: '00000000-0000-4000-8000-000000000000' }, periodos: [marzo] })).toEqual([0]);
    expect(await serie.execute({ entidadId: entidad.id, cifra: 'recibidos', filtros: {}, periodos: [] })).toEqual([]);
  });

  it('follows new events incrementally, and running twice or rebuilding changes nothing', async () => {
    const antes = await cifras.execute({ entidadId: entidad.id, periodo: abril, filtros: {} });
    // H (Wed 12 Mar) is notified on Tue 15 Apr: 13–14, 17–21, 24–28, 31 Mar, 1–4, 7–9, 14–15 Apr = 22 days (> 20).
    await dataSource.query(`UPDATE reclamo SET estado = 'notificado', notificado_el = '2031-04-15' WHERE id = $1`, [ids.H]);
    await dataSource.query(
      `INSERT INTO reclamo_evento (reclamo_id, entidad_id, tipo, estado_anterior, estado_nuevo, actor_tipo, ocurrido_en)
       VALUES ($1, $2, 'cambio_estado', $3, $4, 'sistema', $5)`,
      [ids.H, entidad.id, EstadoReclamo.RESPONDIDO, EstadoReclamo.NOTIFICADO, enLima('2031-04-15')],
    );
    await actualizarHastaIncluir(dataSource, entidad.id, () => actualizar.execute());
    const despues = await cifras.execute({ entidadId: entidad.id, periodo: abril, filtros: {} });
    expect(despues.resumen.notificados).toBe(antes.resumen.notificados + 1);
    expect(despues.resumen).toMatchObject({ notificadosEnPlazoLegal: 2, notificadosEnMeta: 0, diasHabilesMedia: 25, diasHabilesMediana: 25 });

    const filas = () =>
      dataSource.query(`SELECT * FROM cifra_diaria WHERE entidad_id = $1 ORDER BY dia, canal, aspecto, unidad_id`, [entidad.id]);
    const mensual = () => dataSource.query(`SELECT * FROM cifra_mensual WHERE entidad_id = $1 ORDER BY mes`, [entidad.id]);
    const [diarias, mensuales] = [await filas(), await mensual()];
    await actualizar.execute();
    expect(await filas()).toEqual(diarias);
    await context.get(ReconstruirCifrasUseCase).execute({ entidadIds: [entidad.id] });
    expect(await filas()).toEqual(diarias);
    expect(await mensual()).toEqual(mensuales);
  });

  it('a re-assignment moves every day the reclamo is counted on to its new unidad', async () => {
    const enU1 = () => cifras.execute({ entidadId: entidad.id, periodo: marzo, filtros: { unidadId: entidad.unidades.U1 } });
    expect((await enU1()).resumen).toMatchObject({ recibidos: 6, subsanaciones: { pedidas: 0, respondidas: 0, vencidas: 0 } });
    // G (unidad U2: filed 12 Mar, subsanación 13–14 Mar, notified 28 Mar) goes to U1 on 2 April.
    await dataSource.query(`UPDATE reclamo SET unidad_id = $2 WHERE id = $1`, [ids.G, entidad.unidades.U1]);
    await dataSource.query(
      `INSERT INTO reclamo_evento (reclamo_id, entidad_id, tipo, actor_tipo, ocurrido_en) VALUES ($1, $2, 'reasignado', 'sistema', $3)`,
      [ids.G, entidad.id, enLima('2031-04-02')],
    );
    await actualizarHastaIncluir(dataSource, entidad.id, () => actualizar.execute());
    expect((await enU1()).resumen).toMatchObject({ recibidos: 7, notificados: 4, subsanaciones: { pedidas: 1, respondidas: 1, vencidas: 0 } });
    const u2 = await cifras.execute({ entidadId: entidad.id, periodo: marzo, filtros: { unidadId: entidad.unidades.U2 } });
    expect(u2.resumen).toMatchObject({ recibidos: 0, notificados: 0, subsanaciones: { pedidas: 0 } });
  });

  it('adds the entity to the national figures', async () => {
    const nacional = await context.get(GetCifrasNacionalesUseCase).execute({ periodo: { desde: '2031-03-01', hasta: '2031-04-30' } });
    expect(nacional.resumen.recibidos).toBeGreaterThanOrEqual(7);
    expect(nacional.resumen.notificados).toBeGreaterThanOrEqual(6);
    // A range cut mid-month reads its edge days from the daily rollup.
    const borde = await context.get(GetCifrasNacionalesUseCase).execute({ periodo: { desde: '2031-03-17', hasta: '2031-03-31' } });
    expect(borde.resumen.notificados).toBeGreaterThanOrEqual(2); // A (17 Mar) and G (28 Mar)
  });

  it('rebuilds with the new calendar when a non-working day is added', async () => {
    const marzoAntes = await cifras.execute({ entidadId: entidad.id, periodo: marzo, filtros: {} });
    // Answered in March: D 4, A 10, G 12, J 33 business days (median 11). The entity closes on Tue 11 Mar 2031
    // (its own closure: no other entity's figures move): A (3→17 Mar) and J (filed in January) lose a day.
    expect(marzoAntes.resumen.diasHabilesMediana).toBe(11);
    await dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO dia_no_laborable (tipo, fecha, entidad_id, descripcion) VALUES ('cierre_entidad', '2031-03-11', $1, 'Cierre por mudanza de la sede')`,
        [entidad.id],
      );
      await manager.query(`UPDATE calendario_revision SET revision = revision + 1, updated_at = now() WHERE id = 1`);
    });
    const versionDe = async (id: string): Promise<string | undefined> => {
      const filas: Array<{ version: string }> = await dataSource.query(`SELECT version FROM cifra_calendario WHERE entidad_id = $1`, [id]);
      return filas[0]?.version;
    };
    const antes = await versionDe(entidad.id);
    const resultado = await actualizar.execute();
    // Rebuilt by this run or by another file's run that saw the new calendar first (the database is
    // shared): either way its figures follow the new calendar and its new version is recorded.
    void resultado;
    const despues = await cifras.execute({ entidadId: entidad.id, periodo: marzo, filtros: {} });
    expect(despues.resumen).toMatchObject({ notificados: 4, diasHabilesMediana: 10.5 }); // 4, 9, 12, 32
    expect(antes).toMatch(/^[0-9a-f]{16}$/);
    expect(await versionDe(entidad.id)).not.toBe(antes);
  });

  it("rebuilds only the entities whose calendar changed: another entity's closure leaves this one's rows as they are", async () => {
    const otra = await crearEntidadCifras(dataSource, 'CIG');
    await sembrarCasosCifras(dataSource, otra);
    await actualizarHastaIncluir(dataSource, otra.id, () => actualizar.execute());
    const calendars = context.get(CalendarRepository);
    const [propia]: Array<{ codigo: string; ubigeo: string }> = await dataSource.query(`SELECT codigo, ubigeo FROM entidad WHERE id = $1`, [entidad.id]);
    const versionPropia = async (): Promise<string> => (await calendars.current()).versionFor(scopeOfEntidad(propia));
    const filas = async (): Promise<string> => {
      const [{ f }]: Array<{ f: string }> = await dataSource.query(
        `SELECT string_agg(ctid::text, ',' ORDER BY ctid) AS f FROM cifra_diaria WHERE entidad_id = $1`,
        [entidad.id],
      );
      return f;
    };
    const antes = { filas: await filas(), version: await versionPropia() };
    await dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO dia_no_laborable (tipo, fecha, entidad_id, descripcion) VALUES ('cierre_entidad', '2031-03-11', $1, 'Cierre por inventario')`,
        [otra.id],
      );
      await manager.query(`UPDATE calendario_revision SET revision = revision + 1, updated_at = now() WHERE id = 1`);
    });
    await actualizar.execute();
    const deOtra = await cifras.execute({ entidadId: otra.id, periodo: marzo, filtros: {} });
    expect(deOtra.resumen.diasHabilesMediana).toBe(10.5); // A and J lose 11 March: 4, 9, 12, 32
    // A rewritten row gets a new physical address (ctid): the same addresses mean no rebuild touched this
    // entity. Only a calendar change of its own (another file's national decree, in this shared database)
    // would rightly rebuild it; then its version moved and there is nothing to compare.
    if ((await versionPropia()) === antes.version) expect(await filas()).toBe(antes.filas);
  });

  it("shows apart, now, the observados whose subsanación window passed with no reply (an entity that only flags them)", async () => {
    const caso = (vence: string) =>
      insertarCaso(dataSource, entidad, {
        registradoEn: enLima('2031-04-07'), fechaRegistro: '2031-04-07', estado: EstadoReclamo.OBSERVADO, venceEl: '2031-05-19',
        movimientos: [{ de: EstadoReclamo.REGISTRADO, a: EstadoReclamo.OBSERVADO, en: enLima('2031-04-08') }],
      }).then((id) => dataSource.query(`UPDATE reclamo SET subsanacion_vence_el = $2 WHERE id = $1`, [id, vence]));
    // The clock says 20 April: one window ended on the 10th, the other ends on the 21st.
    await caso('2031-04-10');
    await caso('2031-04-21');
    const c = await cifras.execute({ entidadId: entidad.id, periodo: abril, filtros: {} });
    expect(c.ahora).toMatchObject({ subsanacionesVencidas: 1 });
  });
});
