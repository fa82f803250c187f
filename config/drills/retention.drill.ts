/**
 * Drill `retention`: the Ley 29733 purge at scale, by the worker as deployed (two worker processes at
 * once), on the drills' own PostgreSQL, Redis and attachment directory.
 *
 * Data: a year of demo history (config/demo/historial, the platform's own writers: people, events,
 * answers, notifications, surveys, audit entries) ending DRILLS_RETENTION_YEARS_AGO years ago (default 3,
 * past the 24-month floor), plus DRILLS_RETENTION_FILINGS filings (default 300) sent to the citizen app
 * with a PDF each, then aged: annulled and moved back the same years by SQL (a drill fixture, as the
 * load drill's open cases are; the purge reads only the close's date and the entity's period), and 20
 * filings of today whose files must stay.
 *
 * Checks, each against figures taken before: every candidate purged once (one `datos_purgados` audit
 * entry and one timeline entry each, the two workers never on the same case), no personal data left on a
 * purged case, every file of the purged cases gone from the directory and every other file still there,
 * every entity's audit chain verifies, and the figures rebuilt from the case tables equal the ones
 * rebuilt before (byte for byte over `cifra_diaria`). Reports cases/s and the time to purge.
 */
import { Queue, QueueEvents } from 'bullmq';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { addDays, limaDateOf } from '@app/calendar';
import { ESTADOS_CERRADOS } from '@app/domain';
import { verifyAuditChain } from '@app/expediente';
import { ReconstruirCifrasUseCase } from '@app/medicion';
import { buildDataSourceOptions } from '@app/persistence';
import { ENTIDADES_DEMO } from '@app/persistence/seed';
import { CalendarRepository } from '@app/plazos';
import { JobName, jobOptions, QueueName } from '@app/platform/queue';
import { LocalDirectoryStorage } from '@app/storage';
import { cargarHistorial } from '../demo/historial/historial';
import { reclamosDelAnio } from '../demo/historial/volumen';
import { filingForm } from './support/mix';
import { envNumber, fixed, markdownTable, writeReport } from './support/common';
import { DrillStack, log } from './support/stack';

interface Foto {
  candidatos: number;
  cifras: string;
  filasCifras: number;
}

/** The cases the purge must take now: the same rule as `tomarExpedientesVencidos` (closed, past the entity's months since the close). */
const CANDIDATOS_SQL = `
SELECT r.id FROM reclamo r JOIN entidad e ON e.id = r.entidad_id
  JOIN LATERAL (SELECT ev.ocurrido_en FROM reclamo_evento ev WHERE ev.reclamo_id = r.id AND ev.estado_nuevo IS NOT NULL ORDER BY ev.id DESC LIMIT 1) c ON true
 WHERE r.datos_purgados_en IS NULL AND r.estado = ANY ($1::text[]) AND c.ocurrido_en < now() - make_interval(months => e.retencion_meses)`;

async function rebuildAndHash(ds: DataSource): Promise<{ cifras: string; filas: number }> {
  await new ReconstruirCifrasUseCase(ds, new CalendarRepository(ds)).execute({});
  const [row]: Array<{ h: string; n: number }> = await ds.query(
    `SELECT md5(coalesce(string_agg(c::text, '|' ORDER BY c::text), '')) AS h, count(*)::int AS n FROM cifra_diaria c`,
  );
  return { cifras: row.h, filas: row.n };
}

/** Files `n` reclamos with a PDF each on the citizen app, 8 at a time; returns their ids. */
async function fileWithAttachments(baseUrl: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const one = async (): Promise<void> => {
    while (next < n) {
      next += 1;
      const form = filingForm();
      const response = await fetch(`${baseUrl}/api/v1/reclamos`, { method: 'POST', headers: { 'content-type': form.contentType }, body: form.body });
      const text = await response.text();
      if (response.status !== 201) throw new Error(`una presentación respondió ${response.status}: ${text.slice(0, 300)}`);
      ids.push((JSON.parse(text) as { id: string }).id);
    }
  };
  await Promise.all(Array.from({ length: 8 }, one));
  return ids;
}

/** Annuls the filings and moves their dates back `years` (drill fixture; see the file's comment). */
async function age(ds: DataSource, ids: string[], years: number): Promise<void> {
  await ds.transaction(async (m) => {
    const shift = `make_interval(years => ${years})`;
    await m.query(
      `UPDATE reclamo SET estado = 'anulado', registrado_en = registrado_en - ${shift},
              fecha_registro_lima = (fecha_registro_lima - ${shift})::date, vence_el = (vence_el - ${shift})::date WHERE id = ANY ($1::uuid[])`,
      [ids],
    );
    await m.query(`UPDATE reclamo_evento SET ocurrido_en = ocurrido_en - ${shift} WHERE reclamo_id = ANY ($1::uuid[])`, [ids]);
    await m.query(
      `INSERT INTO reclamo_evento (reclamo_id, entidad_id, tipo, estado_anterior, estado_nuevo, actor_tipo, motivo, ocurrido_en)
       SELECT id, entidad_id, 'cambio_estado', 'registrado', 'anulado', 'sistema', 'Anulado en el simulacro de retención', registrado_en + interval '2 days'
         FROM reclamo WHERE id = ANY ($1::uuid[])`,
      [ids],
    );
  });
}

export async function retentionDrill(): Promise<boolean> {
  const yearsAgo = envNumber('DRILLS_RETENTION_YEARS_AGO', 3);
  const filings = envNumber('DRILLS_RETENTION_FILINGS', 300);
  const stack = new DrillStack({ citizenInstances: 1, backofficeInstances: 0, workers: 2 });
  let ds: DataSource | null = null;
  try {
    await stack.start();
    ds = new DataSource(buildDataSourceOptions(stack.databaseUrl, 4));
    await ds.initialize();
    const storage = new LocalDirectoryStorage(stack.storageDir);

    const hasta = addDays(limaDateOf(new Date()), -Math.round(365.25 * yearsAgo));
    log(`historial de un año hasta el ${hasta} (escritores de la plataforma)…`);
    const t0 = Date.now();
    const historial = await cargarHistorial(ds, {
      hasta,
      entidades: ENTIDADES_DEMO.map((e) => ({ codigo: e.codigo, reclamos: reclamosDelAnio(e) })),
      dominioMensajes: 'simulacro.reclamos.gob.pe',
      storage,
      progreso: (linea) => log(`  ${linea}`),
    });
    const historialS = (Date.now() - t0) / 1000;
    log(`${filings} presentaciones con un PDF cada una…`);
    const conArchivo = await fileWithAttachments(stack.citizens[0].baseUrl, filings);
    await age(ds, conArchivo, yearsAgo);
    // Cases of today with their files: the purge must leave them (and their bytes) alone.
    await fileWithAttachments(stack.citizens[0].baseUrl, 20);

    const cerrados = ESTADOS_CERRADOS as readonly string[];
    const candidatos: string[] = (await ds.query<Array<{ id: string }>>(CANDIDATOS_SQL, [cerrados])).map((r) => r.id);
    const archivosDeCandidatos: string[] = (
      await ds.query<Array<{ clave: string }>>(`SELECT DISTINCT clave_almacen AS clave FROM adjunto WHERE reclamo_id = ANY ($1::uuid[])`, [candidatos])
    ).map((r) => r.clave);
    const archivosDeOtros: string[] = (
      await ds.query<Array<{ clave: string }>>(
        `SELECT DISTINCT clave_almacen AS clave FROM adjunto WHERE NOT (reclamo_id = ANY ($1::uuid[])) AND clave_almacen <> ALL ($2::text[])`,
        [candidatos, archivosDeCandidatos],
      )
    ).map((r) => r.clave);
    const [{ casos, abiertos }] = await ds.query<Array<{ casos: number; abiertos: number }>>(
      `SELECT count(*)::int AS casos, count(*) FILTER (WHERE NOT (estado = ANY ($1::text[])))::int AS abiertos FROM reclamo`,
      [cerrados],
    );
    log(`figuras reconstruidas antes de la purga…`);
    const antes: Foto = { candidatos: candidatos.length, ...(await rebuildAndHash(ds).then((r) => ({ cifras: r.cifras, filasCifras: r.filas }))) };

    // The purge as scheduled: a job on the `retencion` queue; two workers listen, each gets one of the two jobs.
    log(`purga por los 2 workers: ${candidatos.length} casos vencidos, ${archivosDeCandidatos.length} archivos…`);
    const target = stack.queueConnection();
    const queue = new Queue(QueueName.RETENCION, target);
    const events = new QueueEvents(QueueName.RETENCION, stack.queueConnection({ maxRetriesPerRequest: null }));
    await events.waitUntilReady();
    const t1 = Date.now();
    const jobs = await Promise.all(
      ['a', 'b'].map((k) => queue.add(JobName.PURGAR_DATOS_VENCIDOS, {}, { ...jobOptions(JobName.PURGAR_DATOS_VENCIDOS), jobId: `simulacro-purga-${k}-${Date.now()}` })),
    );
    const resultados = (await Promise.all(jobs.map((j) => j.waitUntilFinished(events, 30 * 60_000)))) as Array<{ casos: number; adjuntos: number; lotes: number }>;
    const purgaS = (Date.now() - t1) / 1000;
    await events.close();
    await queue.close();
    target.close();

    const [despuesConteo] = await ds.query<Array<{ purgados: number; personales: number; adjuntos: number; auditoria: number; auditoriaCasos: number; eventos: number }>>(
      `SELECT (SELECT count(*)::int FROM reclamo WHERE id = ANY ($1::uuid[]) AND datos_purgados_en IS NOT NULL) AS purgados,
              (SELECT count(*)::int FROM reclamo_persona WHERE reclamo_id = ANY ($1::uuid[])
                  AND (numero_documento <> '' OR nombres IS NOT NULL OR apellidos IS NOT NULL OR razon_social IS NOT NULL OR email IS NOT NULL
                       OR telefono IS NOT NULL OR direccion IS NOT NULL)) AS personales,
              (SELECT count(*)::int FROM adjunto WHERE reclamo_id = ANY ($1::uuid[])) AS adjuntos,
              (SELECT count(*)::int FROM auditoria WHERE accion = 'datos_purgados') AS auditoria,
              (SELECT count(DISTINCT reclamo_id)::int FROM auditoria WHERE accion = 'datos_purgados') AS "auditoriaCasos",
              (SELECT count(*)::int FROM reclamo_evento WHERE tipo = 'datos_purgados') AS eventos`,
      [candidatos],
    );
    const archivosQueQuedan = archivosDeCandidatos.filter((c) => existsSync(join(stack.storageDir, c))).length;
    const archivosAjenosPerdidos = archivosDeOtros.filter((c) => !existsSync(join(stack.storageDir, c))).length;
    const [{ textos }] = await ds.query<Array<{ textos: number }>>(
      `SELECT count(*)::int AS textos FROM reclamo WHERE id = ANY ($1::uuid[]) AND (descripcion <> '' OR pedido <> '')`,
      [candidatos],
    );
    log('verificando las cadenas de auditoría y reconstruyendo las cifras…');
    const cadenas = await verifyAuditChain(ds);
    const despues = await rebuildAndHash(ds);
    const purgadosPorJobs = resultados.reduce((n, r) => n + r.casos, 0);

    const checks: Array<[string, string, string, boolean]> = [
      ['casos vencidos antes de la purga', String(antes.candidatos), '> 0', antes.candidatos > 0],
      ['purgados (datos_purgados_en)', String(despuesConteo.purgados), String(antes.candidatos), despuesConteo.purgados === antes.candidatos],
      ['purgados según los dos trabajos (suma)', `${purgadosPorJobs} (${resultados.map((r) => r.casos).join(' + ')})`, String(antes.candidatos), purgadosPorJobs === antes.candidatos],
      ['entradas de auditoría datos_purgados / casos distintos', `${despuesConteo.auditoria} / ${despuesConteo.auditoriaCasos}`, `${antes.candidatos} / ${antes.candidatos}`,
        despuesConteo.auditoria === antes.candidatos && despuesConteo.auditoriaCasos === antes.candidatos],
      ['entradas de la línea de tiempo datos_purgados', String(despuesConteo.eventos), String(antes.candidatos), despuesConteo.eventos === antes.candidatos],
      ['personas con algún dato personal en casos purgados', String(despuesConteo.personales), '0', despuesConteo.personales === 0],
      ['casos purgados con descripción o pedido', String(textos), '0', textos === 0],
      ['filas de adjunto de casos purgados', String(despuesConteo.adjuntos), '0', despuesConteo.adjuntos === 0],
      ['archivos de casos purgados que siguen en el directorio', `${archivosQueQuedan} de ${archivosDeCandidatos.length}`, '0', archivosQueQuedan === 0],
      ['archivos de otros casos perdidos', `${archivosAjenosPerdidos} de ${archivosDeOtros.length}`, '0', archivosAjenosPerdidos === 0],
      ['cadenas de auditoría que no verifican', `${cadenas.fallas.length} de ${cadenas.entidades} (${cadenas.entradas} entradas)`, '0', cadenas.fallas.length === 0],
      ['cifra_diaria reconstruida: igual a la de antes', `${despues.cifras === antes.cifras ? 'sí' : 'NO'} (${despues.filas} filas)`, `sí (${antes.filasCifras} filas)`, despues.cifras === antes.cifras],
    ];
    const ok = checks.every((c) => c[3]);
    const markdown = [
      `## Simulacro de retención (Ley 29733) — ${new Date().toISOString()}`,
      '',
      `Datos: ${historial.reclamos} reclamos de historial hasta el ${hasta} (${fixed(historialS)} s) y ${filings} presentaciones con un PDF envejecidas ${yearsAgo} años; ` +
        `${casos} reclamos en la base, ${abiertos} abiertos. Purga por 2 workers a la vez (cola \`retencion\`, lotes de 200 con SKIP LOCKED).`,
      '',
      markdownTable(
        ['medida', 'valor'],
        [
          ['casos purgados', String(despuesConteo.purgados)],
          ['archivos borrados', String(archivosDeCandidatos.length - archivosQueQuedan)],
          ['tiempo de la purga (2 trabajos en paralelo, hasta terminar ambos)', `${fixed(purgaS, 2)} s`],
          ['casos/s', fixed(despuesConteo.purgados / purgaS, 0)],
          ['lotes por trabajo', resultados.map((r) => String(r.lotes)).join(' + ')],
        ],
      ),
      '',
      markdownTable(['comprobación', 'valor', 'meta', ''], checks.map(([a, b, c, d]) => [a, b, c, d ? 'PASS' : 'FAIL'])),
      '',
      `Resultado: **${ok ? 'PASS' : 'FAIL'}**`,
    ].join('\n');
    writeReport('retention', markdown, {
      part: 'retention',
      finishedAt: new Date().toISOString(),
      settings: { yearsAgo, filings, workers: 2 },
      historial: { reclamos: historial.reclamos, segundos: historialS },
      antes,
      despues,
      resultados,
      purgaS,
      checks: checks.map(([medida, valor, meta, pasa]) => ({ medida, valor, meta, pasa })),
      ok,
    });
    return ok;
  } finally {
    await ds?.destroy();
    await stack.stop();
  }
}
