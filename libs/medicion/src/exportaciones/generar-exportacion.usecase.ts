import { Injectable, Logger } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { QueryRunner } from 'typeorm';
import { LecturasReplica } from '@app/persistence';
import { Clock } from '@app/platform/clock';
import { condiciones } from '../figures/condiciones';
import { GetCifrasEntidadUseCase } from '../figures/get-cifras-entidad.usecase';
import { CONTADORES } from '../rollup/contadores';
import { AlmacenExportaciones, MAX_BYTES_EXPORTACION } from './almacen-exportaciones';
import { Catalogos, escritorCsv, EscritorDetalle, escritorXlsx, FilaCifraDiaria, filaDeDetalle } from './detalle-cifras';
import { expiraEn } from './exportacion';
import { ExportacionRepository, ExportacionRow } from './exportacion.repository';
import { tablasDe } from './tablas-cifras';

/** Rows fetched from the cursor at a time: a few hundred kB in memory, whatever the period. */
export const FILAS_POR_LOTE = 2_000;
/** The row's progress is written every this many rows (about every second on a busy 2-core machine). */
export const AVANCE_CADA_FILAS = 10_000;

/** What the person reads when the last attempt failed; the error itself goes to the log with the export's id. */
export const MOTIVO_FALLA =
  'No se pudo generar el archivo después de varios intentos. Pida la exportación de nuevo; si vuelve a fallar, avise al administrador de la plataforma indicando el código de esta exportación.';

export type ResultadoExportacion =
  | { readonly exportacionId: string; readonly filas: number; readonly bytes: number; readonly ms: number }
  | { readonly omitida: string };

/** Progress as the row shows it: whole percent of the rows, 99 at most until the file is stored. */
export function progresoDe(filasEscritas: number, filasTotal: number): number {
  if (filasTotal <= 0) return 0;
  return Math.min(99, Math.floor((filasEscritas * 100) / filasTotal));
}

/**
 * The worker's job `exportar`: writes one requested export's file, streaming. Its period's rows of
 * `cifra_diaria` are read through a cursor (FILAS_POR_LOTE at a time) in one REPEATABLE READ, READ ONLY
 * transaction, where the summary is read too, so the summary sheet and the detail add up even while the
 * rollups move. That transaction is LecturasReplica's: on the replica when there is one (rollups only, a
 * minute behind the cases anyway); the row's progress and state are written on the primary (the repository). Rows go to the CSV or the workbook as they come, and the bytes to the storage as they are
 * made: memory stays flat however long the period. Progress is written to the row every AVANCE_CADA_FILAS
 * rows. An attempt that fails leaves no file (the storage removes a partial one) and rethrows, so BullMQ
 * retries; the last one marks the row `fallida` with MOTIVO_FALLA. The job carries only the row's id and
 * its jobId is that id, so a retry or a duplicate enqueue never makes a second file: a row that is no
 * longer pending or in progress is skipped.
 */
@Injectable()
export class GenerarExportacionUseCase {
  private readonly logger = new Logger(GenerarExportacionUseCase.name);

  constructor(
    private readonly lecturas: LecturasReplica,
    private readonly repo: ExportacionRepository,
    private readonly cifras: GetCifrasEntidadUseCase,
    private readonly almacen: AlmacenExportaciones,
    private readonly clock: Clock,
  ) {}

  async execute(command: { exportacionId: string; ultimoIntento: boolean }): Promise<ResultadoExportacion> {
    const inicio = Date.now();
    const exportacion = await this.repo.iniciar(command.exportacionId, this.clock.now());
    if (!exportacion) return { omitida: 'la exportación ya no está pendiente ni en proceso' };
    try {
      const { clave, bytes, filas } = await this.escribir(exportacion);
      const terminadoEn = this.clock.now();
      const guardada = await this.repo.terminar(exportacion.id, { claveAlmacen: clave, bytes, filasEscritas: filas, terminadoEn, expiraEn: expiraEn(terminadoEn) });
      if (!guardada) {
        // The sweep closed it meanwhile (its job looked lost): this file would belong to no row.
        await this.almacen.remove(clave);
        return { omitida: 'la exportación cambió de estado mientras se escribía' };
      }
      const ms = Date.now() - inicio;
      this.logger.log({ exportacionId: exportacion.id, entidadId: exportacion.entidadId, formato: exportacion.formato, filas, bytes, ms }, 'Exportación lista');
      return { exportacionId: exportacion.id, filas, bytes, ms };
    } catch (error) {
      this.logger.error(
        { err: error, exportacionId: exportacion.id, intento: exportacion.intentos, ultimoIntento: command.ultimoIntento },
        'Falló un intento de exportación',
      );
      if (command.ultimoIntento) await this.repo.fallar(exportacion.id, MOTIVO_FALLA, this.clock.now());
      throw error;
    }
  }

  /** The file, from the cursor to the storage; resolves with its key once every byte is stored. */
  private async escribir(x: ExportacionRow): Promise<{ clave: string; bytes: number; filas: number }> {
    const salida = new PassThrough();
    // Failures reach us through `guardado` (the storage's pipeline); this listener only keeps an error
    // emitted after the pipeline let go of the stream from being an uncaught exception.
    salida.on('error', () => undefined);
    const guardado = this.almacen.save(salida, MAX_BYTES_EXPORTACION);
    // Awaited below; marked handled now, since it may fail (disk full) while the rows are still being read.
    guardado.catch(() => undefined);
    try {
      const filas = await this.lecturas.leer((runner) => this.leerEnLaTransaccion(runner, x, salida));
      const stored = await guardado;
      return { clave: stored.clave, bytes: stored.bytes, filas };
    } catch (error) {
      salida.destroy(error instanceof Error ? error : new Error(String(error)));
      // The storage removes what it had written of the file; its own error, if any, is this one's echo.
      await guardado.catch(() => undefined);
      throw error;
    }
  }

  private async leerEnLaTransaccion(runner: QueryRunner, x: ExportacionRow, salida: PassThrough): Promise<number> {
    const { desde, hasta, filtros } = x.parametros;
    const resumen = await this.cifras.execute({ entidadId: x.entidadId, periodo: { desde, hasta }, filtros }, runner);
    const f = condiciones(filtros, 'c');
    const base = [x.entidadId, desde, hasta, ...f.params];
    const donde = `FROM cifra_diaria c WHERE c.entidad_id = $1 AND c.dia BETWEEN $2::date AND $3::date${f.sql}`;
    const [{ total }]: Array<{ total: number }> = await runner.query(`SELECT count(*)::int AS total ${donde}`, base);
    await this.repo.avanzar(x.id, { filasEscritas: 0, filasTotal: total, progreso: 0 });
    const catalogos = await this.catalogos(runner, x.entidadId);
    // In the order of uq_cifra_diaria's index: read in order, never sorted in memory.
    await runner.query(
      `DECLARE detalle NO SCROLL CURSOR FOR
         SELECT c.dia::text AS dia, c.canal, c.aspecto, c.sede_id, c.unidad_id, c.servicio_id, c.tema_id,
                ${CONTADORES.map((k) => `c.${k}`).join(', ')}, c.dias_habiles
         ${donde}
         ORDER BY c.dia, c.canal, c.aspecto, c.sede_id, c.unidad_id, c.servicio_id, c.tema_id`,
      base,
    );
    const escritor: EscritorDetalle = x.formato === 'csv' ? escritorCsv(salida) : escritorXlsx(salida, tablasDe(resumen));
    let escritas = 0;
    let informadas = 0;
    for (;;) {
      const lote: FilaCifraDiaria[] = await runner.query(`FETCH FORWARD ${FILAS_POR_LOTE} FROM detalle`);
      if (lote.length === 0) break;
      await escritor.escribir(lote.map((fila) => filaDeDetalle(fila, catalogos)));
      escritas += lote.length;
      if (escritas - informadas >= AVANCE_CADA_FILAS) {
        await this.repo.avanzar(x.id, { filasEscritas: escritas, filasTotal: total, progreso: progresoDe(escritas, total) });
        informadas = escritas;
      }
    }
    await runner.query('CLOSE detalle');
    await escritor.cerrar();
    return escritas;
  }

  /** The entity's catalogues by id, inactive rows too (a past day may name a sede closed since): a few hundred rows. */
  private async catalogos(runner: QueryRunner, entidadId: string): Promise<Catalogos> {
    const filas: Array<{ catalogo: 'sede' | 'unidad' | 'servicio' | 'tema'; id: string; nombre: string }> = await runner.query(
      `SELECT 'sede' AS catalogo, id, nombre FROM sede WHERE entidad_id = $1
       UNION ALL SELECT 'unidad', id, nombre FROM unidad_organica WHERE entidad_id = $1
       UNION ALL SELECT 'servicio', id, nombre FROM servicio WHERE entidad_id = $1
       UNION ALL SELECT 'tema', id, nombre FROM tema WHERE entidad_id = $1`,
      [entidadId],
    );
    const de = (catalogo: string) => new Map(filas.filter((f) => f.catalogo === catalogo).map((f) => [f.id, f.nombre]));
    return { sedes: de('sede'), unidades: de('unidad'), servicios: de('servicio'), temas: de('tema') };
  }
}
