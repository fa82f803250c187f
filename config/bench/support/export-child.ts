/**
 * One measurement of the exports bench, in a process of its own (forked by exports.bench.ts), so its peak
 * memory is its own: `process.resourceUsage().maxRSS` once it is done, against its RSS after start-up.
 *
 *   argv: <escenario: cursor|todo|csv|xlsx> <entidadId> <usuarioId> <desde> <hasta> <storage dir>
 *
 * Answers one JSON line on stdout: { ms, filas, bytes, rssInicioMb, rssMaximoMb, vivoInicioMb, vivoMaximoMb }.
 * "Vivo" is what survives a full garbage collection (heap plus Buffers), sampled every second with --expose-gc:
 * what the process really holds, where RSS also counts garbage V8 had no reason to collect yet.
 */
import 'reflect-metadata';

async function main(): Promise<void> {
  const [escenario, entidadId, usuarioId, desde, hasta, storage] = process.argv.slice(2);
  const { Test } = await import('@nestjs/testing');
  const { DataSource } = await import('typeorm');
  const { LecturasReplica, PersistenceModule } = await import('@app/persistence');
  const { AppConfigModule } = await import('@app/platform/config');
  const { Clock, ClockModule, FixedClock } = await import('@app/platform/clock');
  const { LocalDirectoryStorage } = await import('@app/storage');
  const { ExportacionRepository, GenerarExportacionUseCase, GetCifrasEntidadUseCase, MedicionModule } = await import('@app/medicion');

  const clock = new FixedClock(new Date('2096-01-05T15:00:00Z'));
  const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ClockModule, PersistenceModule, MedicionModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const context = await moduleRef.init();
  const dataSource = context.get(DataSource);
  const repo = new ExportacionRepository(dataSource);
  // The worker's use case as the worker builds it, with the bench's storage directory and no queue (called directly).
  const generar = new GenerarExportacionUseCase(context.get(LecturasReplica), repo, context.get(GetCifrasEntidadUseCase), new LocalDirectoryStorage(storage), clock);
  // A first small query, so the pool and the catalogue caches are warm before the baseline is taken.
  await dataSource.query('SELECT 1');
  const gc = (global as { gc?: () => void }).gc;
  if (!gc) throw new Error('hace falta --expose-gc');
  const vivo = (): number => {
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const vivoInicio = vivo();
  const rssInicio = process.memoryUsage().rss;
  let vivoMaximo = vivoInicio;
  const muestreo = setInterval(() => (vivoMaximo = Math.max(vivoMaximo, vivo())), 1_000);

  const t = process.hrtime.bigint();
  let filas = 0;
  let bytes = 0;
  switch (escenario) {
    case 'cursor': {
      // The export's read alone: the same cursor, pages of 2,000, nothing written.
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await runner.query(
        `DECLARE c NO SCROLL CURSOR FOR SELECT * FROM cifra_diaria WHERE entidad_id = $1 AND dia BETWEEN $2 AND $3
          ORDER BY dia, canal, aspecto, sede_id, unidad_id, servicio_id, tema_id`,
        [entidadId, desde, hasta],
      );
      for (;;) {
        const lote: unknown[] = await runner.query('FETCH FORWARD 2000 FROM c');
        if (lote.length === 0) break;
        filas += lote.length;
      }
      await runner.query('COMMIT');
      await runner.release();
      break;
    }
    case 'todo': {
      // What an export built inside the request would hold: every row at once.
      const todas: unknown[] = await dataSource.query(`SELECT * FROM cifra_diaria WHERE entidad_id = $1 AND dia BETWEEN $2 AND $3`, [entidadId, desde, hasta]);
      filas = todas.length;
      break;
    }
    case 'csv':
    case 'xlsx': {
      const { id } = await repo.solicitar({ entidadId, solicitadoPor: usuarioId, tipo: 'cifras_detalle', formato: escenario, parametros: { desde, hasta, filtros: {} }, ahora: clock.now() });
      const r = await generar.execute({ exportacionId: id, ultimoIntento: true });
      if (!('filas' in r)) throw new Error(`la exportación no se escribió: ${r.omitida}`);
      filas = r.filas;
      bytes = r.bytes;
      break;
    }
    default:
      throw new Error(`escenario desconocido: ${escenario}`);
  }
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  clearInterval(muestreo);
  const rssMaximoMb = process.resourceUsage().maxRSS / 1024;
  await context.close();
  const MB = 1024 * 1024;
  process.stdout.write(`${JSON.stringify({ ms, filas, bytes, rssInicioMb: rssInicio / MB, rssMaximoMb, vivoInicioMb: vivoInicio / MB, vivoMaximoMb: vivoMaximo / MB })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
