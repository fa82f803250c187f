import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import {
  EstadoExportacion,
  FormatoExportacion,
  MAX_EXPORTACIONES_EN_CURSO,
  ParametrosExportacion,
  TipoExportacion,
} from './exportacion';

/** An `exportacion` row as the use cases read it, with its entity's code (for the file's name). */
export interface ExportacionRow {
  readonly id: string;
  readonly entidadId: string;
  readonly entidadCodigo: string;
  readonly solicitadoPor: string;
  readonly solicitadoPorNombre: string;
  readonly tipo: TipoExportacion;
  readonly formato: FormatoExportacion;
  readonly parametros: ParametrosExportacion;
  readonly estado: EstadoExportacion;
  readonly progreso: number;
  readonly filasEscritas: number;
  readonly filasTotal: number | null;
  readonly intentos: number;
  readonly claveAlmacen: string | null;
  readonly bytes: number | null;
  readonly motivoFalla: string | null;
  readonly creadoEn: Date;
  readonly iniciadoEn: Date | null;
  readonly terminadoEn: Date | null;
  readonly expiraEn: Date | null;
  readonly vencidoEn: Date | null;
}

const COLUMNAS = `
  x.id, x.entidad_id AS "entidadId", e.codigo AS "entidadCodigo", x.solicitado_por AS "solicitadoPor", u.nombre AS "solicitadoPorNombre",
  x.tipo, x.formato, x.parametros, x.estado, x.progreso, x.filas_escritas AS "filasEscritas", x.filas_total AS "filasTotal",
  x.intentos, x.clave_almacen AS "claveAlmacen", x.bytes::float8 AS bytes, x.motivo_falla AS "motivoFalla", x.created_at AS "creadoEn",
  x.iniciado_en AS "iniciadoEn", x.terminado_en AS "terminadoEn", x.expira_en AS "expiraEn", x.vencido_en AS "vencidoEn"`;
const DESDE = `FROM exportacion x JOIN entidad e ON e.id = x.entidad_id JOIN usuario u ON u.id = x.solicitado_por`;

/** pg_advisory_xact_lock's first key for a person's requests (a constant no other code of the platform uses). */
const CANDADO_SOLICITUDES = 731_204;

/**
 * The only writer of `exportacion` (see the migration): the request, the worker's claim and progress,
 * the end (ready or failed) and the expiry. Each write that the worker makes names the state it expects,
 * so a late attempt never overwrites what a newer one, or the sweep, decided.
 */
@Injectable()
export class ExportacionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A new request, unless the same person already has the same one (kind, format, period and filters)
   * queued or being written: then that one (a double click makes one file). Refuses a fourth request in
   * flight. Serialised per person by an advisory lock, so two clicks at once cannot both insert.
   */
  async solicitar(r: {
    entidadId: string;
    solicitadoPor: string;
    tipo: TipoExportacion;
    formato: FormatoExportacion;
    parametros: ParametrosExportacion;
    ahora: Date;
  }): Promise<{ id: string; nueva: boolean }> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [CANDADO_SOLICITUDES, r.solicitadoPor]);
      const enCurso: Array<{ id: string; igual: boolean }> = await m.query(
        `SELECT id, (tipo = $2 AND formato = $3 AND parametros = $4::jsonb) AS igual
           FROM exportacion WHERE solicitado_por = $1 AND estado IN ('pendiente','en_proceso') ORDER BY created_at`,
        [r.solicitadoPor, r.tipo, r.formato, JSON.stringify(r.parametros)],
      );
      const igual = enCurso.find((x) => x.igual);
      if (igual) return { id: igual.id, nueva: false };
      if (enCurso.length >= MAX_EXPORTACIONES_EN_CURSO) {
        throw new DomainError(
          'CONFLICT',
          `Ya tiene ${enCurso.length} exportaciones en curso: espere a que alguna termine para pedir otra.`,
        );
      }
      const [row]: Array<{ id: string }> = await m.query(
        `INSERT INTO exportacion (entidad_id, solicitado_por, tipo, formato, parametros, created_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING id`,
        [r.entidadId, r.solicitadoPor, r.tipo, r.formato, JSON.stringify(r.parametros), r.ahora],
      );
      return { id: row.id, nueva: true };
    });
  }

  async buscar(id: string): Promise<ExportacionRow | null> {
    const [row]: ExportacionRow[] = await this.dataSource.query(`SELECT ${COLUMNAS} ${DESDE} WHERE x.id = $1`, [id]);
    return row ?? null;
  }

  /** A person's latest requests in their entity, newest first. */
  async recientesDe(solicitadoPor: string, entidadId: string, limite: number): Promise<ExportacionRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNAS} ${DESDE} WHERE x.solicitado_por = $1 AND x.entidad_id = $2 ORDER BY x.created_at DESC, x.id LIMIT $3`, [
      solicitadoPor,
      entidadId,
      limite,
    ]);
  }

  /**
   * The worker takes the request: pendiente → en_proceso, or en_proceso again when an earlier attempt
   * died (its progress starts over). Null when the row has moved on (ready, failed, expired) or is gone.
   */
  async iniciar(id: string, ahora: Date): Promise<ExportacionRow | null> {
    // pg answers an UPDATE … RETURNING through TypeORM as [rows, affected].
    const [claimed]: [Array<{ id: string }>, number] = await this.dataSource.query(
      `UPDATE exportacion SET estado = 'en_proceso', progreso = 0, filas_escritas = 0, filas_total = NULL, intentos = intentos + 1, iniciado_en = $2
        WHERE id = $1 AND estado IN ('pendiente','en_proceso') RETURNING id`,
      [id, ahora],
    );
    return claimed.length === 0 ? null : this.buscar(id);
  }

  async avanzar(id: string, p: { filasEscritas: number; filasTotal: number; progreso: number }): Promise<void> {
    await this.dataSource.query(
      `UPDATE exportacion SET filas_escritas = $2, filas_total = $3, progreso = $4 WHERE id = $1 AND estado = 'en_proceso'`,
      [id, p.filasEscritas, p.filasTotal, p.progreso],
    );
  }

  /** en_proceso → lista with the file. False when the row moved on meanwhile (the caller removes the file). */
  async terminar(id: string, t: { claveAlmacen: string; bytes: number; filasEscritas: number; terminadoEn: Date; expiraEn: Date }): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `UPDATE exportacion SET estado = 'lista', progreso = 100, filas_escritas = $2, filas_total = $2, clave_almacen = $3, bytes = $4,
              terminado_en = $5, expira_en = $6
        WHERE id = $1 AND estado = 'en_proceso' RETURNING id`,
      [id, t.filasEscritas, t.claveAlmacen, t.bytes, t.terminadoEn, t.expiraEn],
    );
    return rows.length > 0;
  }

  /** pendiente or en_proceso → fallida, with a reason for people (never an internal error's text). */
  async fallar(id: string, motivo: string, ahora: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE exportacion SET estado = 'fallida', motivo_falla = $2, terminado_en = $3 WHERE id = $1 AND estado IN ('pendiente','en_proceso')`,
      [id, motivo, ahora],
    );
  }

  /** Ready files past their expiry, oldest first: the sweep removes each file, then marks its row. */
  async vencidas(ahora: Date, limite: number): Promise<Array<{ id: string; claveAlmacen: string }>> {
    return this.dataSource.query(
      `SELECT id, clave_almacen AS "claveAlmacen" FROM exportacion WHERE estado = 'lista' AND expira_en <= $1 ORDER BY expira_en LIMIT $2`,
      [ahora, limite],
    );
  }

  async marcarVencida(id: string, ahora: Date): Promise<void> {
    await this.dataSource.query(`UPDATE exportacion SET estado = 'vencida', vencido_en = $2 WHERE id = $1 AND estado = 'lista'`, [id, ahora]);
  }

  /** Requests still queued or being written that were asked before `antesDe` (their job may be lost). */
  async enCursoDesde(antesDe: Date, limite: number): Promise<Array<{ id: string; estado: EstadoExportacion }>> {
    return this.dataSource.query(
      `SELECT id, estado FROM exportacion WHERE estado IN ('pendiente','en_proceso') AND created_at < $1 ORDER BY created_at LIMIT $2`,
      [antesDe, limite],
    );
  }
}
