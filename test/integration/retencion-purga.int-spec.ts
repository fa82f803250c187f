import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Queue } from 'bullmq';
import { AtencionModule, GetReclamoUseCase, PURGA_PATTERN, PURGA_SCHEDULER_ID, PurgaScheduler, PurgarDatosVencidosUseCase } from '@app/atencion';
import { QueueName } from '@app/platform/queue';
import { EstadoReclamo } from '@app/domain';
import { ACTOR_SISTEMA, AuditTrail, verifyAuditChain } from '@app/expediente';
import { GetCifrasEntidadUseCase, MedicionModule, ReconstruirCifrasUseCase } from '@app/medicion';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule } from '@app/platform/config';
import { Clock, ClockModule, FixedClock } from '@app/platform/clock';
import { AttachmentStorage, LocalDirectoryStorage } from '@app/storage';
import { insertStaff } from '../support/atencion-factory';
import { crearEntidadCifras, EntidadCifras, enLima, insertarCaso, sembrarCasosCifras } from '../support/cifras-fixture';
import { colaDePrueba } from '../support/exportaciones-fixture';

/**
 * The retention purge against the real PostgreSQL and a storage directory of this file's own. The cases are the
 * figures' hand-counted set (2031); the clock is 1 April 2034 in Lima and the entity keeps data 36 months, so the
 * cutoff is 1 April 2031 00:00 in Lima: A, D, G and J (notified in March), and E (annulled at 23:59 of 31 March)
 * are past it; C (notified 14 April) and F (reconducted at 00:01 of 1 April) are closed but not yet; B and H are
 * open. Each run is limited to this file's entities: other files' closed cases are in the same database.
 */
describe('the retention purge (Ley 29733): personal data and files of closed cases past retention, counts and the audit chain kept', () => {
  const clock = new FixedClock(enLima('2034-04-01', '00:00'));
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let purgar: PurgarDatosVencidosUseCase;
  let storage: LocalDirectoryStorage;
  let dir: string;
  let entidad: EntidadCifras;
  let ids: Record<string, string>;
  const claves: Record<string, string[]> = {};
  const periodo = { desde: '2031-01-01', hasta: '2031-04-30' };

  const guardar = async (reclamoId: string, tipo = 'ciudadano'): Promise<string> => {
    const stored = await storage.save(Readable.from(randomBytes(2048)), 20 * 1024 * 1024);
    const [row]: Array<{ id: string }> = await dataSource.query(
      `INSERT INTO adjunto (reclamo_id, nombre_original, tipo_mime, bytes, sha256, clave_almacen, tipo)
       VALUES ($1, 'foto de Ana Torres.jpg', 'image/jpeg', $2, $3, $4, $5) RETURNING id`,
      [reclamoId, stored.bytes, stored.sha256, stored.clave, tipo],
    );
    (claves[reclamoId] ??= []).push(stored.clave);
    return row.id;
  };
  const personas = async (reclamoId: string, documento: string): Promise<void> => {
    await dataSource.query(
      `INSERT INTO reclamo_persona (reclamo_id, rol, tipo_documento, numero_documento, nombres, apellidos, email, telefono, ubigeo, direccion)
       VALUES ($1, 'reclamante', 'DNI', $2, 'Ana', 'Torres Quispe', 'ana.torres@example.pe', '987654321', '150101', 'Jr. Huallaga 123')`,
      [reclamoId, documento],
    );
  };
  const archivos = async (): Promise<string[]> => {
    const fechas = await readdir(dir);
    const todos: string[] = [];
    for (const f of fechas) for (const n of await readdir(join(dir, f))) todos.push(`${f}/${n}`);
    return todos;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'retencion-int-'));
    storage = new LocalDirectoryStorage(dir);
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ClockModule, PersistenceModule, MedicionModule, AtencionModule] })
      .overrideProvider(Clock)
      .useValue(clock)
      .overrideProvider(AttachmentStorage)
      .useValue(storage)
      .compile();
    context = await moduleRef.init();
    dataSource = context.get(DataSource);
    purgar = context.get(PurgarDatosVencidosUseCase);
    entidad = await crearEntidadCifras(dataSource, 'RET');
    await dataSource.query(`UPDATE entidad SET retencion_meses = 36 WHERE id = $1`, [entidad.id]);
    ids = await sembrarCasosCifras(dataSource, entidad);
    const autor = await insertStaff(dataSource, 'oficial', entidad.id);
    for (const [letra, id] of Object.entries(ids)) {
      await personas(id, `4${String(letra.charCodeAt(0)).padStart(7, '0')}`);
      await guardar(id);
      await dataSource.query(`UPDATE reclamo SET pedido = 'Que me devuelvan el pago' WHERE id = $1`, [id]);
      await dataSource.query(
        `INSERT INTO outbox (entidad_id, reclamo_id, tipo, destinatario, datos, estado, enviado_en)
         VALUES ($1, $2, 'acuse_recibo', 'ana.torres@example.pe', $3, 'enviado', now())`,
        [entidad.id, id, JSON.stringify({ reclamoId: id })],
      );
      await dataSource.query(
        `INSERT INTO reclamo_evento (reclamo_id, entidad_id, tipo, actor_tipo, actor_id, motivo, datos, ocurrido_en)
         VALUES ($1, $2, 'respuesta_redactada', 'personal', $3, 'La señora Torres vive en Jr. Huallaga', $4, $5)`,
        [id, entidad.id, autor.id, JSON.stringify({ hechos: 'Ana Torres esperó', analisis: 'x', medidasAdoptadas: 'y', plantillaId: null }), enLima('2031-01-01')],
      );
      await dataSource.query(
        `INSERT INTO nota_interna (reclamo_id, entidad_id, autor_id, texto, created_at) VALUES ($1, $2, $3, 'Llamar a Ana al 987654321', now())`,
        [id, entidad.id, autor.id],
      );
    }
    // A's answer, and G's postal notification whose proof (a scan) is one of its files.
    await dataSource.query(
      `INSERT INTO respuesta (reclamo_id, entidad_id, hechos, analisis, medidas_adoptadas, estado, redactado_por, redactado_en)
       VALUES ($1, $2, 'Ana Torres esperó tres horas', 'Faltó personal', 'Se contrató personal', 'aprobada', $3, now())`,
      [ids.A, entidad.id, autor.id],
    );
    const constancia = await guardar(ids.G, 'constancia_notificacion');
    await dataSource.query(
      `INSERT INTO notificacion_respuesta (reclamo_id, entidad_id, medio, fecha, constancia_adjunto_id, registrado_por, created_at)
       VALUES ($1, $2, 'postal', '2031-03-28', $3, $4, now())`,
      [ids.G, entidad.id, constancia, autor.id],
    );
    await dataSource.query(`UPDATE encuesta SET comentario = 'Gracias, soy Ana Torres' WHERE reclamo_id = $1`, [ids.A]);
    // The chain has entries before the purge (the purge appends; it must not disturb them).
    await context.get(AuditTrail).appendMany(
      dataSource.manager,
      Object.values(ids).map((id) => ({
        entidadId: entidad.id, reclamoId: id, actor: ACTOR_SISTEMA, ip: null, accion: 'registrado', detalle: { prueba: true }, ocurridoEn: enLima('2031-01-01'),
      })),
    );
    await context.get(ReconstruirCifrasUseCase).execute({ entidadIds: [entidad.id] });
  });

  afterAll(async () => {
    await context?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const PURGADOS = ['A', 'D', 'E', 'G', 'J'] as const;
  const INTACTOS = ['B', 'C', 'F', 'H'] as const;

  it('purges exactly the closed cases past retention: personal data, texts and files (bytes gone), counts and the chain kept', async () => {
    const cifrasAntes = await context.get(GetCifrasEntidadUseCase).execute({ entidadId: entidad.id, periodo, filtros: {} });
    const rollupAntes: unknown[] = await dataSource.query(`SELECT * FROM cifra_diaria WHERE entidad_id = $1 ORDER BY dia, canal, aspecto, sede_id, unidad_id`, [entidad.id]);
    const intactosAntes = await huellas(dataSource, INTACTOS.map((l) => ids[l]));
    expect(await archivos()).toHaveLength(10);

    const resultado = await purgar.execute({ entidadIds: [entidad.id] });
    expect(resultado).toMatchObject({ casos: 5, adjuntos: 6 });

    for (const letra of PURGADOS) {
      const id = ids[letra];
      const [r]: Array<{ descripcion: string; pedido: string; purgado: Date | null; estado: string }> = await dataSource.query(
        `SELECT descripcion, pedido, datos_purgados_en AS purgado, estado FROM reclamo WHERE id = $1`, [id]);
      expect(r).toMatchObject({ descripcion: '', pedido: '', purgado: clock.now() });
      const [p]: Array<Record<string, unknown>> = await dataSource.query(
        `SELECT rol, tipo_documento, numero_documento, nombres, apellidos, email, telefono, ubigeo, direccion FROM reclamo_persona WHERE reclamo_id = $1`, [id]);
      expect(p).toEqual({ rol: 'reclamante', tipo_documento: 'DNI', numero_documento: '', nombres: null, apellidos: null, email: null, telefono: null, ubigeo: null, direccion: null });
      expect(await dataSource.query(`SELECT 1 FROM adjunto WHERE reclamo_id = $1`, [id])).toHaveLength(0);
      for (const clave of claves[id]) await expect(storage.open(clave).then((s) => new Promise((ok, ko) => s.on('error', ko).on('data', ok)))).rejects.toThrow(/ENOENT/);
      const [o]: Array<{ destinatario: string; estado: string }> = await dataSource.query(`SELECT destinatario, estado FROM outbox WHERE reclamo_id = $1`, [id]);
      expect(o).toEqual({ destinatario: '', estado: 'enviado' });
      const eventos: Array<{ tipo: string; motivo: string | null; datos: Record<string, unknown> }> = await dataSource.query(
        `SELECT tipo, motivo, datos FROM reclamo_evento WHERE reclamo_id = $1 ORDER BY id`, [id]);
      expect(eventos.every((e) => e.motivo === null && !('hechos' in e.datos))).toBe(true);
      expect(eventos.at(-1)).toMatchObject({ tipo: 'datos_purgados', datos: { personas: 1, adjuntos: letra === 'G' ? 2 : 1 } });
      const [n]: Array<{ texto: string }> = await dataSource.query(`SELECT texto FROM nota_interna WHERE reclamo_id = $1`, [id]);
      expect(n.texto).toBe('');
    }
    const [respuesta]: Array<Record<string, string>> = await dataSource.query(`SELECT hechos, analisis, medidas_adoptadas FROM respuesta WHERE reclamo_id = $1`, [ids.A]);
    expect(respuesta).toEqual({ hechos: '', analisis: '', medidas_adoptadas: '' });
    const [encuesta]: Array<{ comentario: string | null; satisfaccion_general: number }> = await dataSource.query(
      `SELECT comentario, satisfaccion_general FROM encuesta WHERE reclamo_id = $1`, [ids.A]);
    expect(encuesta).toEqual({ comentario: null, satisfaccion_general: 4 });
    const [notificacion]: Array<{ medio: string; fecha: string; adjunto: string | null; purgada: Date | null }> = await dataSource.query(
      `SELECT medio, fecha::text AS fecha, constancia_adjunto_id AS adjunto, constancia_purgada_en AS purgada FROM notificacion_respuesta WHERE reclamo_id = $1`, [ids.G]);
    expect(notificacion).toEqual({ medio: 'postal', fecha: '2031-03-28', adjunto: null, purgada: clock.now() });

    // Not yet past retention, and open: untouched, their files on disk.
    expect(await huellas(dataSource, INTACTOS.map((l) => ids[l]))).toEqual(intactosAntes);
    expect((await archivos()).sort()).toEqual(INTACTOS.flatMap((l) => claves[ids[l]]).sort());

    // The figures: rebuilt from the case tables after the purge, the same rows and the same numbers.
    await context.get(ReconstruirCifrasUseCase).execute({ entidadIds: [entidad.id] });
    expect(await dataSource.query(`SELECT * FROM cifra_diaria WHERE entidad_id = $1 ORDER BY dia, canal, aspecto, sede_id, unidad_id`, [entidad.id])).toEqual(rollupAntes);
    expect(await context.get(GetCifrasEntidadUseCase).execute({ entidadId: entidad.id, periodo, filtros: {} })).toEqual(cifrasAntes);

    // The chain verifies, and records one purge per case, with counts and no personal data.
    const informe = await verifyAuditChain(dataSource, [entidad.id]);
    expect(informe.fallas).toEqual([]);
    const purgas: Array<{ reclamo_id: string; detalle: Record<string, unknown>; actor_rol: string }> = await dataSource.query(
      `SELECT reclamo_id, detalle, actor_rol FROM auditoria WHERE entidad_id = $1 AND accion = 'datos_purgados' ORDER BY secuencia`, [entidad.id]);
    expect(purgas.map((p) => p.reclamo_id).sort()).toEqual(PURGADOS.map((l) => ids[l]).sort());
    expect(purgas.every((p) => p.actor_rol === 'sistema' && typeof p.detalle.codigo === 'string' && p.detalle.personas === 1)).toBe(true);
    expect(JSON.stringify(purgas)).not.toMatch(/Torres|Huallaga|example\.pe|98765/);

    // Staff still open a purged case (its page reads it): the state and dates, no personal data.
    const responsable = await insertStaff(dataSource, 'responsable_titular', entidad.id);
    const visto = await context.get(GetReclamoUseCase).execute({ actor: responsable, entidadId: entidad.id, reclamoId: ids.A });
    expect(JSON.stringify(visto)).not.toMatch(/Torres|Huallaga|example\.pe|98765|Ana/);
    expect(JSON.stringify(visto)).toContain(EstadoReclamo.NOTIFICADO);
  });

  it('a second run finds nothing: the purge is idempotent', async () => {
    await expect(purgar.execute({ entidadIds: [entidad.id] })).resolves.toMatchObject({ casos: 0, adjuntos: 0 });
    const [{ n }]: Array<{ n: number }> = await dataSource.query(
      `SELECT count(*)::int AS n FROM auditoria WHERE entidad_id = $1 AND accion = 'datos_purgados'`, [entidad.id]);
    expect(n).toBe(5);
  });

  it('the floor holds in the database: a period under 24 months is refused', async () => {
    await expect(dataSource.query(`UPDATE entidad SET retencion_meses = 23 WHERE id = $1`, [entidad.id])).rejects.toThrow(/ck_entidad_retencion_meses/);
  });

  it('two runs at once (two workers) purge each case once, in small batches', async () => {
    const otra = await crearEntidadCifras(dataSource, 'RED');
    const casos: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const id = await insertarCaso(dataSource, otra, {
        registradoEn: enLima('2030-01-07'), fechaRegistro: '2030-01-07', estado: EstadoReclamo.ARCHIVADO, venceEl: '2030-02-04',
        movimientos: [{ de: EstadoReclamo.REGISTRADO, a: EstadoReclamo.ARCHIVADO, en: enLima('2030-01-08') }],
      });
      await personas(id, `7${String(i).padStart(7, '0')}`);
      await guardar(id);
      casos.push(id);
    }
    const [a, b] = await Promise.all([purgar.execute({ entidadIds: [otra.id], lote: 4 }), purgar.execute({ entidadIds: [otra.id], lote: 4 })]);
    expect(a.casos + b.casos).toBe(30);
    expect(a.adjuntos + b.adjuntos).toBe(30);
    const entradas: Array<{ reclamo_id: string }> = await dataSource.query(
      `SELECT reclamo_id FROM auditoria WHERE entidad_id = $1 AND accion = 'datos_purgados'`, [otra.id]);
    expect(entradas).toHaveLength(30);
    expect(new Set(entradas.map((e) => e.reclamo_id)).size).toBe(30);
    const [{ eventos }]: Array<{ eventos: number }> = await dataSource.query(
      `SELECT count(*)::int AS eventos FROM reclamo_evento WHERE entidad_id = $1 AND tipo = 'datos_purgados'`, [otra.id]);
    expect(eventos).toBe(30);
    expect((await verifyAuditChain(dataSource, [otra.id])).fallas).toEqual([]);
    for (const id of casos) for (const clave of claves[id]) expect((await archivos()).includes(clave)).toBe(false);
  });
});

/** Everything of these reclamos the purge could touch, to show it did not. */
async function huellas(dataSource: DataSource, reclamoIds: string[]): Promise<unknown> {
  return dataSource.query(
    `SELECT r.id, r.descripcion, r.pedido, r.datos_purgados_en, r.updated_at,
            (SELECT json_agg(p ORDER BY p.id) FROM reclamo_persona p WHERE p.reclamo_id = r.id) AS personas,
            (SELECT json_agg(a ORDER BY a.id) FROM adjunto a WHERE a.reclamo_id = r.id) AS adjuntos,
            (SELECT json_agg(json_build_object('motivo', e.motivo, 'datos', e.datos, 'tipo', e.tipo) ORDER BY e.id) FROM reclamo_evento e WHERE e.reclamo_id = r.id) AS eventos,
            (SELECT json_agg(o.destinatario) FROM outbox o WHERE o.reclamo_id = r.id) AS mensajes,
            (SELECT json_agg(n.texto) FROM nota_interna n WHERE n.reclamo_id = r.id) AS notas
       FROM reclamo r WHERE r.id = ANY ($1::uuid[]) ORDER BY r.id`,
    [reclamoIds],
  );
}

describe('the purge\'s schedule on Redis', () => {
  it('two worker replicas starting together register one daily job at 02:30 Lima', async () => {
    const { connection, prefix } = colaDePrueba('retencion');
    const queue = new Queue(QueueName.RETENCION, { connection, prefix });
    try {
      await Promise.all([new PurgaScheduler(queue).onApplicationBootstrap(), new PurgaScheduler(queue).onApplicationBootstrap()]);
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers).toEqual([expect.objectContaining({ key: PURGA_SCHEDULER_ID, pattern: PURGA_PATTERN, tz: 'America/Lima' })]);
      expect(PURGA_PATTERN).toBe('0 30 2 * * *');
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
