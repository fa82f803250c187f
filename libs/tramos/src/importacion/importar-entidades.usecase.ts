import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { setImmediate as cederTurno } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { StaffUser } from '@app/staff';
import {
  ArchivoLeido,
  clavesDelArchivo,
  ErrorImportacion,
  FilaValida,
  leerArchivoImportacion,
  MAX_BYTES_IMPORTACION,
  ordenarErrores,
  RegistroExistente,
  revisarFilas,
} from '../reglas/importacion-csv';
import { Separador } from '../reglas/csv';
import { assertGestionaRegistro } from '../registro/acceso';
import { Consultor, leerTramos } from '../registro/consultas';
import { RegistroTransaction } from '../registro/registro-transaction';

/** Where a long import is: checking the rows, then (real import only) writing them. */
export interface ProgresoImportacion {
  fase: 'revision' | 'guardado';
  hechas: number;
  total: number;
}

export interface ResultadoImportacion {
  simulada: boolean;
  /** SHA-256 of the file's bytes (hex), as the trail keeps it. */
  archivoSha256: string;
  bytes: number;
  separador: Separador;
  /** Rows of data read (blank rows left out). */
  filas: number;
  /** Rows without any problem. */
  validas: number;
  /** Every problem of the file and of every row, in row order. Empty: the file imports (or was imported). */
  errores: ErrorImportacion[];
  /** Entities created (0 for a dry run or a refused file). */
  creadas: number;
  /** The trail row of a real import that wrote (`auditoria_registro.id`), else null. */
  importacionId: string | null;
}

/** Rows checked between two progress reports, and written per INSERT. */
const LOTE_REVISION = 500;
const LOTE_GUARDADO = 1000;

/**
 * Imports entities from a CSV file (nombre, codigo, ruc, tipo, nivel_gobierno, sector, ubigeo, tramo;
 * UTF-8 with or without BOM, `,` or `;`), all or nothing.
 *
 * - `simular: true` (the dry run) checks every row against the registry's rules, the file itself and
 *   the registry as it is now, and writes nothing at all.
 * - `simular: false` does the same checks again inside one transaction that holds the registry's lock
 *   (so nothing registered meanwhile slips past them); with any problem it writes nothing and returns
 *   the same list; without, it inserts every entity (each in the tramo of its kind unless the row names
 *   another) and one trail row with who, when, from where, the file's SHA-256, its size and row count
 *   and the codes created.
 *
 * `alAvanzar` is awaited every few hundred rows (a page streams a progress bar from it). Limits: 5 MB
 * and 10,000 rows of data per file.
 */
@Injectable()
export class ImportarEntidadesUseCase {
  private readonly logger = new Logger(ImportarEntidadesUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: RegistroTransaction,
  ) {}

  async execute(command: {
    actor: StaffUser;
    ip: string | null;
    archivo: Uint8Array;
    simular: boolean;
    alAvanzar?: (progreso: ProgresoImportacion) => Promise<void> | void;
  }): Promise<ResultadoImportacion> {
    assertGestionaRegistro(command.actor);
    const inicio = Date.now();
    const archivoSha256 = createHash('sha256').update(command.archivo).digest('hex');
    const base = { simulada: command.simular, archivoSha256, bytes: command.archivo.byteLength, creadas: 0, importacionId: null };
    if (command.archivo.byteLength > MAX_BYTES_IMPORTACION) {
      return { ...base, separador: ',', filas: 0, validas: 0, errores: [{ campo: 'archivo', fila: null, columna: null, mensaje: 'el archivo supera los 5 MB; divídalo en partes' }] };
    }
    const leido = leerArchivoImportacion(command.archivo);
    const avanzar = async (progreso: ProgresoImportacion) => {
      await command.alAvanzar?.(progreso);
      // Lets the response (and anything else waiting) move between slices of a long file.
      await cederTurno();
    };
    const resumen = { ...base, separador: leido.separador, filas: leido.filas.length };

    let resultado: ResultadoImportacion;
    if (command.simular) {
      const { validas, errores } = await this.revisar(this.dataSource, leido, avanzar);
      resultado = { ...resumen, validas, errores };
    } else {
      resultado = await this.tx.run({ actor: command.actor, ip: command.ip }, async ({ manager, now, audit }) => {
        const { validas, errores, aceptadas } = await this.revisar(manager, leido, avanzar);
        if (errores.length > 0) return { ...resumen, validas, errores };
        const codigos: string[] = [];
        for (let desde = 0; desde < aceptadas.length; desde += LOTE_GUARDADO) {
          const lote = aceptadas.slice(desde, desde + LOTE_GUARDADO);
          codigos.push(...(await insertar(manager, lote, now)));
          await avanzar({ fase: 'guardado', hechas: desde + lote.length, total: aceptadas.length });
        }
        const importacionId = await audit({
          accion: 'entidades_importadas',
          detalle: { archivoSha256, bytes: command.archivo.byteLength, filas: leido.filas.length, creadas: codigos.length, codigos },
        });
        return { ...resumen, validas, errores, creadas: codigos.length, importacionId };
      });
    }
    // Ids, counts and the file's hash only: the file's content never goes to the logs.
    this.logger.log(
      {
        actorId: command.actor.id,
        simulada: command.simular,
        archivoSha256,
        filas: resultado.filas,
        errores: resultado.errores.length,
        creadas: resultado.creadas,
        ms: Date.now() - inicio,
      },
      'Importación de entidades',
    );
    return resultado;
  }

  /** The file's own problems, then every row's, in slices with progress; the registry read once for the file's codes and RUCs. */
  private async revisar(
    q: Consultor,
    leido: ArchivoLeido,
    avanzar: (progreso: ProgresoImportacion) => Promise<void>,
  ): Promise<{ validas: number; errores: ErrorImportacion[]; aceptadas: FilaValida[] }> {
    const total = leido.filas.length;
    if (leido.errores.some((e) => e.fila === null || e.fila === 1)) return { validas: 0, errores: ordenarErrores(leido.errores), aceptadas: [] };
    // One after the other: `q` may be one connection (the import's transaction).
    const tramos = await leerTramos(q);
    const existente = await registroExistente(q, clavesDelArchivo(leido.filas));
    const aceptadas: FilaValida[] = [];
    const errores: ErrorImportacion[] = [...leido.errores];
    const vistos = { codigos: new Map<string, number>(), rucs: new Map<string, number>() };
    await avanzar({ fase: 'revision', hechas: 0, total });
    for (let desde = 0; desde < total; desde += LOTE_REVISION) {
      const hasta = Math.min(total, desde + LOTE_REVISION);
      const parte = revisarFilas(leido.filas, tramos, existente, desde, hasta, vistos);
      aceptadas.push(...parte.validas);
      errores.push(...parte.errores);
      await avanzar({ fase: 'revision', hechas: hasta, total });
    }
    // A row with a refused character was checked on its cleaned text: it is not written either way.
    const conError = new Set(errores.map((e) => e.fila));
    const limpias = aceptadas.filter((a) => !conError.has(a.fila));
    return { validas: limpias.length, errores: ordenarErrores(errores), aceptadas: limpias };
  }
}

/** The entities that already hold one of the file's codes or RUCs. */
async function registroExistente(q: Consultor, claves: { codigos: string[]; rucs: string[] }): Promise<RegistroExistente> {
  const rows: Array<{ codigo: string; nombre: string; ruc: string }> = await q.query(
    `SELECT codigo, nombre, ruc FROM entidad WHERE codigo = ANY($1::text[]) OR ruc = ANY($2::text[])`,
    [claves.codigos, claves.rucs],
  );
  return { codigos: new Map(rows.map((r) => [r.codigo, r.nombre])), rucs: new Map(rows.map((r) => [r.ruc, r.codigo])) };
}

/** One multi-row INSERT per slice (unnest of column arrays: one statement, one round trip). */
async function insertar(q: Consultor, lote: FilaValida[], now: Date): Promise<string[]> {
  const col = <T>(pick: (f: FilaValida['entidad']) => T): T[] => lote.map((f) => pick(f.entidad));
  const rows: Array<{ codigo: string }> = await q.query(
    `INSERT INTO entidad (codigo, nombre, ruc, tipo, nivel_gobierno, sector, ubigeo, tramo_id, tramo_manual, created_at, updated_at)
     SELECT u.*, $10::timestamptz, $10::timestamptz
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::smallint[], $9::boolean[]) AS u
     RETURNING codigo`,
    [
      col((e) => e.codigo),
      col((e) => e.nombre),
      col((e) => e.ruc),
      col((e) => e.tipo),
      col((e) => e.nivelGobierno),
      col((e) => e.sector),
      col((e) => e.ubigeo),
      col((e) => e.tramoId),
      col((e) => e.tramoManual),
      now,
    ],
  );
  return rows.map((r) => r.codigo);
}
