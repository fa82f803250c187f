import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { EstadoReclamo, parseCodigoReclamo } from '@app/domain';
import { verifyAuditChain } from '@app/expediente';
import { GetCifrasEntidadUseCase, MedicionModule, ReconstruirCifrasUseCase } from '@app/medicion';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule } from '@app/platform/config';
import { Clock, ClockModule, FixedClock } from '@app/platform/clock';
import { LocalDirectoryStorage } from '@app/storage';
import { cargarHistorial, ResumenHistorial } from '../../config/demo/historial/historial';
import { insertStaff } from '../support/atencion-factory';
import { crearEntidadCifras, enLima } from '../support/cifras-fixture';
import { createTestEntidad, uniqueCode } from '../support/db';

/**
 * The demo history (`npm run seed:historial`) on this file's own three entities, one with staff of its
 * own and two without, over the year to 31 March 2033: the rows it writes keep every rule the lifecycle's
 * use cases keep (each state change has its event, in order, and its audit entry; every notified answer
 * has its notification; books without gaps), its states are a realistic mix, and a second run adds nothing.
 */
describe('the demo history: a year of cases written as the lifecycle writes them (real PostgreSQL)', () => {
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let ids: string[];
  let primera: ResumenHistorial;
  const HASTA = '2033-03-31';
  const storage = new LocalDirectoryStorage(join(tmpdir(), 'reclamos-test-storage'));

  let codigos: string[];
  const cargar = () =>
    cargarHistorial(dataSource, {
      hasta: HASTA,
      entidades: codigos.map((codigo, i) => ({ codigo, reclamos: [260, 120, 80][i] })),
      semilla: 11,
      dominioMensajes: 'pruebas.example.pe',
      storage,
    });
  const una = async <T>(sql: string, params: unknown[] = []): Promise<T> => (await dataSource.query<T[]>(sql, params))[0];
  const conteos = async () =>
    una<Record<string, string>>(
      `SELECT (SELECT count(*) FROM reclamo WHERE entidad_id = ANY ($1)) AS reclamos,
              (SELECT count(*) FROM reclamo_persona p JOIN reclamo r ON r.id = p.reclamo_id WHERE r.entidad_id = ANY ($1)) AS personas,
              (SELECT count(*) FROM reclamo_evento WHERE entidad_id = ANY ($1)) AS eventos,
              (SELECT count(*) FROM auditoria WHERE entidad_id = ANY ($1)) AS auditoria,
              (SELECT count(*) FROM outbox WHERE entidad_id = ANY ($1)) AS mensajes,
              (SELECT count(*) FROM respuesta WHERE entidad_id = ANY ($1)) AS respuestas,
              (SELECT count(*) FROM notificacion_respuesta WHERE entidad_id = ANY ($1)) AS notificaciones,
              (SELECT count(*) FROM encuesta WHERE entidad_id = ANY ($1)) AS encuestas,
              (SELECT count(*) FROM usuario WHERE entidad_id = ANY ($1)) AS usuarios,
              (SELECT coalesce(sum(ultimo), 0) FROM correlativo_reclamo WHERE entidad_id = ANY ($1)) AS correlativos`,
      [ids],
    );

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ClockModule, PersistenceModule, MedicionModule] })
      .overrideProvider(Clock)
      .useValue(new FixedClock(enLima('2033-04-01', '09:00')))
      .compile();
    context = await moduleRef.init();
    dataSource = context.get(DataSource);
    const conPersonal = await crearEntidadCifras(dataSource, 'HDA');
    for (const rol of ['responsable_titular', 'responsable_alterno', 'oficial', 'oficial'] as const) await insertStaff(dataSource, rol, conPersonal.id);
    const sinPersonal = [await createTestEntidad(dataSource, uniqueCode('HDB')), await createTestEntidad(dataSource, uniqueCode('HDC'))];
    ids = [conPersonal.id, ...sinPersonal.map((e) => e.id)];
    codigos = [conPersonal.codigo, ...sinPersonal.map((e) => e.codigo)];
    primera = await cargar();
  }, 120_000);
  afterAll(async () => {
    await context.close();
  });

  it('writes the planned cases, each with its people, in the books of its entity with no gaps and in time order', async () => {
    expect(primera.cargadas).toEqual([...codigos].sort());
    const c = await conteos();
    expect(Number(c.reclamos)).toBe(primera.reclamos);
    // About the volumes asked (a few physical sheets not transcribed by 31 March are not there yet), and the traslados received.
    expect(primera.reclamos).toBeGreaterThan(440);
    expect(Number(c.personas)).toBe(primera.reclamos);
    const libros: Array<{ entidad: string; anio: number; n: number; max: number; ultimo: number; desordenados: number }> = await dataSource.query(
      `SELECT r.entidad_id AS entidad, r.anio, count(*)::int AS n, max(r.correlativo) AS max, c.ultimo,
              count(*) FILTER (WHERE r.canal = 'virtual' AND r.origen_reclamo_id IS NULL AND r.registrado_en < r.anterior)::int AS desordenados
         FROM (SELECT *, lag(registrado_en) OVER (PARTITION BY entidad_id, anio ORDER BY correlativo) AS anterior FROM reclamo WHERE entidad_id = ANY ($1)) r
         JOIN correlativo_reclamo c ON c.entidad_id = r.entidad_id AND c.anio = r.anio
        GROUP BY 1, 2, c.ultimo`,
      [ids],
    );
    expect(libros.map((l) => l.anio).sort()).toEqual([2032, 2032, 2032, 2033, 2033, 2033]);
    for (const l of libros) expect([l.n, l.max, l.desordenados]).toEqual([l.ultimo, l.ultimo, 0]);
    const codigosMal: Array<{ codigo: string }> = await dataSource.query(`SELECT codigo FROM reclamo WHERE entidad_id = ANY ($1)`, [ids]);
    for (const { codigo } of codigosMal) expect(parseCodigoReclamo(codigo)).not.toBeNull();
  });

  it('gives every state change its event, in order, ending in the reclamo\'s state, and every staff or platform event its audit entry', async () => {
    const cadena = await una<{ primero: number; rota: number; desorden: number; distinto: number; fuera: number }>(
      `WITH ev AS (
         SELECT e.*, row_number() OVER w AS n, lag(estado_nuevo) OVER w AS previo, lag(ocurrido_en) OVER w AS antes
           FROM reclamo_evento e WHERE e.entidad_id = ANY ($1) AND e.estado_nuevo IS NOT NULL WINDOW w AS (PARTITION BY reclamo_id ORDER BY id))
       SELECT count(*) FILTER (WHERE n = 1 AND (estado_nuevo <> 'registrado' OR tipo <> 'registrado'))::int AS primero,
              count(*) FILTER (WHERE n > 1 AND (estado_anterior IS DISTINCT FROM previo OR tipo <> 'cambio_estado'))::int AS rota,
              count(*) FILTER (WHERE ocurrido_en < antes)::int AS desorden,
              (SELECT count(*)::int FROM reclamo r WHERE r.entidad_id = ANY ($1)
                  AND r.estado <> (SELECT estado_nuevo FROM reclamo_evento x WHERE x.reclamo_id = r.id AND x.estado_nuevo IS NOT NULL ORDER BY x.id DESC LIMIT 1)) AS distinto,
              count(*) FILTER (WHERE ocurrido_en >= '2033-04-01T00:00:00-05:00')::int AS fuera
         FROM ev`,
      [ids],
    );
    expect(cadena).toEqual({ primero: 0, rota: 0, desorden: 0, distinto: 0, fuera: 0 });
    const sinAuditoria = await una<{ n: number }>(
      `SELECT count(*)::int AS n FROM reclamo_evento e
        WHERE e.entidad_id = ANY ($1) AND e.actor_tipo <> 'ciudadano'
          AND NOT EXISTS (SELECT 1 FROM auditoria a WHERE a.reclamo_id = e.reclamo_id
                            AND (a.detalle->>'eventoId' = e.id::text OR (e.tipo = 'registrado' AND a.accion IN ('hoja_fisica_registrada', 'recibido_por_traslado'))))`,
      [ids],
    );
    expect(sinAuditoria.n).toBe(0);
    expect((await verifyAuditChain(dataSource, ids)).fallas).toEqual([]);
  });

  it('notifies every answered case: its event, its notification on that date, its approved answer, its delivered e-mail or its proof', async () => {
    const n = await una<Record<string, number>>(
      `SELECT count(*)::int AS notificados,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM reclamo_evento e WHERE e.reclamo_id = r.id AND e.estado_nuevo = 'notificado'))::int AS "sinEvento",
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM notificacion_respuesta x WHERE x.reclamo_id = r.id AND x.fecha = r.notificado_el)) ::int AS "sinNotificacion",
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM respuesta x WHERE x.reclamo_id = r.id AND x.estado = 'aprobada'))::int AS "sinRespuesta",
              count(*) FILTER (WHERE r.estado NOT IN ('notificado', 'archivado'))::int AS "otroEstado"
         FROM reclamo r WHERE r.entidad_id = ANY ($1) AND r.notificado_el IS NOT NULL`,
      [ids],
    );
    expect(n).toMatchObject({ sinEvento: 0, sinNotificacion: 0, sinRespuesta: 0, otroEstado: 0 });
    expect(n.notificados).toBe(primera.notificaciones);
    // By e-mail: dated with the Lima day the server accepted it, the platform's own move, the message sent once.
    const correo = await una<Record<string, number>>(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE o.estado = 'enviado' AND o.clave_unica = 'respuesta:' || x.reclamo_id AND o.message_id = '<outbox-' || o.id || '@pruebas.example.pe>')::int AS enviados,
              count(*) FILTER (WHERE (x.aceptada_en AT TIME ZONE 'America/Lima')::date = x.fecha
                AND EXISTS (SELECT 1 FROM reclamo_evento e WHERE e.reclamo_id = x.reclamo_id AND e.estado_nuevo = 'notificado' AND e.actor_tipo = 'sistema'
                              AND e.datos->>'outboxId' = o.id::text))::int AS coherentes
         FROM notificacion_respuesta x JOIN outbox o ON o.id = x.outbox_id WHERE x.entidad_id = ANY ($1) AND x.medio = 'email'`,
      [ids],
    );
    expect(correo.total).toBeGreaterThan(0);
    expect(correo).toEqual({ total: correo.total, enviados: correo.total, coherentes: correo.total });
    // By post or in person: recorded by staff with the scan of the proof.
    const postal = await una<{ total: number; conConstancia: number }>(
      `SELECT count(*)::int AS total, count(a.id)::int AS "conConstancia" FROM notificacion_respuesta x
         LEFT JOIN adjunto a ON a.id = x.constancia_adjunto_id AND a.tipo = 'constancia_notificacion' AND a.reclamo_id = x.reclamo_id
        WHERE x.entidad_id = ANY ($1) AND x.medio <> 'email'`,
      [ids],
    );
    expect(postal.total).toBeGreaterThan(0);
    expect(postal.conConstancia).toBe(postal.total);
    // No message is left for the worker to send.
    expect((await una<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE entidad_id = ANY ($1) AND estado <> 'enviado'`, [ids])).n).toBe(0);
  });

  it('has the mix of a real year: mostly answered on time, some late, open and overdue, reconducted, annulled, transferred, subsanaciones, surveys', async () => {
    const estados: Array<{ estado: EstadoReclamo; n: number }> = await dataSource.query(
      `SELECT estado, count(*)::int AS n FROM reclamo WHERE entidad_id = ANY ($1) GROUP BY 1`,
      [ids],
    );
    const de = (...e: EstadoReclamo[]) => estados.filter((x) => e.includes(x.estado)).reduce((s, x) => s + x.n, 0);
    const total = de(...Object.values(EstadoReclamo));
    expect(de(EstadoReclamo.NOTIFICADO, EstadoReclamo.ARCHIVADO) / total).toBeGreaterThan(0.75);
    for (const e of [EstadoReclamo.EN_ATENCION, EstadoReclamo.ANULADO, EstadoReclamo.RECONDUCIDO, EstadoReclamo.TRASLADADO]) expect(de(e)).toBeGreaterThan(0);
    const m = await una<Record<string, number>>(
      `SELECT count(*) FILTER (WHERE estado IN ('registrado', 'en_atencion', 'observado', 'respondido') AND vence_el < '2033-04-01')::int AS vencidos,
              count(*) FILTER (WHERE notificado_el > vence_el)::int AS tarde,
              count(*) FILTER (WHERE notificado_el <= vence_el)::int AS "aTiempo",
              count(*) FILTER (WHERE canal = 'fisico')::int AS fisicos,
              count(*) FILTER (WHERE origen_reclamo_id IS NOT NULL)::int AS recibidos,
              (SELECT count(*)::int FROM reclamo_evento WHERE entidad_id = ANY ($1) AND estado_nuevo = 'observado') AS subsanaciones,
              (SELECT count(*)::int FROM encuesta WHERE entidad_id = ANY ($1)) AS encuestas
         FROM reclamo WHERE entidad_id = ANY ($1)`,
      [ids],
    );
    expect(m.vencidos).toBeGreaterThan(0);
    expect(m.tarde).toBeGreaterThan(0);
    expect(m.aTiempo / (m.aTiempo + m.tarde)).toBeGreaterThan(0.75);
    expect(m.fisicos / total).toBeGreaterThan(0.05);
    expect(m.recibidos).toBe(de(EstadoReclamo.TRASLADADO));
    expect(m.subsanaciones).toBeGreaterThan(0);
    expect(m.encuestas / primera.notificaciones).toBeGreaterThan(0.2);
    expect(m.encuestas / primera.notificaciones).toBeLessThan(0.45);
    // Physical sheets: written on business days, transcribed later by staff, each with its scan.
    const hojas = await una<{ n: number; malas: number }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE extract(isodow FROM r.fecha_registro_lima) > 5 OR NOT EXISTS (SELECT 1 FROM adjunto a WHERE a.reclamo_id = r.id AND a.tipo = 'hoja_fisica')
                               OR (SELECT e.ocurrido_en FROM reclamo_evento e WHERE e.reclamo_id = r.id AND e.tipo = 'registrado') <= r.registrado_en)::int AS malas
         FROM reclamo r WHERE r.entidad_id = ANY ($1) AND r.canal = 'fisico' AND r.origen_reclamo_id IS NULL`,
      [ids],
    );
    expect(hojas.n).toBeGreaterThan(0);
    expect(hojas.malas).toBe(0);
  });

  it('uses obviously fictitious people, and acts through the entity\'s staff or, without any, through deactivated accounts of the history', async () => {
    const personas = await una<{ n: number; reales: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE email NOT LIKE '%@example.pe' OR numero_documento !~ '^999' OR apellidos !~ '(Ejemplo|Ficticio|Muestra|Prueba|Modelo|Simulado|Ensayo|Demostración)')::int AS reales
         FROM reclamo_persona p JOIN reclamo r ON r.id = p.reclamo_id WHERE r.entidad_id = ANY ($1)`,
      [ids],
    );
    expect(personas.n).toBeGreaterThan(0);
    expect(personas.reales).toBe(0);
    const historicos: Array<{ entidad: string; n: number }> = await dataSource.query(
      `SELECT entidad_id AS entidad, count(*)::int AS n FROM usuario
        WHERE entidad_id = ANY ($1) AND email LIKE 'historial.%' AND NOT activo AND password_hash IS NULL AND desactivado_en IS NOT NULL GROUP BY 1`,
      [ids],
    );
    expect(historicos.map((h) => [ids.indexOf(h.entidad), h.n]).sort()).toEqual([[1, 2], [2, 2]]);
  });

  it('gives the figures of the year once the rollup is rebuilt, as counted from the cases', async () => {
    await context.get(ReconstruirCifrasUseCase).execute({ entidadIds: ids });
    const [entidad] = ids;
    const cifras = await context.get(GetCifrasEntidadUseCase).execute({ entidadId: entidad, periodo: { desde: '2032-04-01', hasta: HASTA }, filtros: {} });
    const casos = await una<Record<string, number>>(
      `SELECT count(*)::int AS recibidos, count(notificado_el)::int AS notificados, count(*) FILTER (WHERE estado = 'anulado')::int AS anulados,
              count(*) FILTER (WHERE estado IN ('registrado', 'en_atencion', 'observado', 'respondido'))::int AS abiertos
         FROM reclamo WHERE entidad_id = $1`,
      [entidad],
    );
    expect(cifras.resumen).toMatchObject({ recibidos: casos.recibidos, notificados: casos.notificados, anulados: casos.anulados });
    expect(cifras.ahora.abiertos).toBe(casos.abiertos);
    expect(cifras.porMes).toHaveLength(12);
    expect(Math.min(...cifras.porMes.map((p) => p.recibidos))).toBeGreaterThan(0);
  });

  it('adds nothing when run again', async () => {
    const antes = await conteos();
    const segunda = await cargar();
    expect(segunda).toMatchObject({ cargadas: [], reclamos: 0, yaCargadas: [...codigos].sort() });
    expect(await conteos()).toEqual(antes);
  });
});
