import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ValidationFailedError } from '@app/domain';
import { AttachmentStorage } from '@app/storage';
import { IncomingAttachment } from '../submit/submit-reclamo.command';

/** A hoja's form on one entity's page, named by its hidden submission key (`claveEnvio`). */
export interface FormularioDeHoja {
  entidadId: string;
  claveEnvio: string;
}

/** A file already received for a form that has not been filed yet. */
export interface AdjuntoEnEspera extends IncomingAttachment {
  id: string;
}

/** How long a form's files wait for it to be filed [design]: a day covers a person who comes back after lunch. */
export const HORAS_DE_ESPERA_DE_ADJUNTOS = 24;
/** Files removed per purge: bounded, so a filing never waits on a long clean-up. */
const PURGA_POR_VEZ = 50;

// Deletions go through a CTE so the driver hands back the rows (a bare DELETE … RETURNING comes back as [rows, count]).

/**
 * The files of a hoja that came back with an error, or waits on «Revise su reclamo»: kept under the
 * form's key so the person does not attach them again and none is dropped unsaid (issue 13). Only
 * writer of `adjunto_en_espera`. The filing takes them in its own transaction (`tomar`); the ones
 * of forms never filed are removed, rows and bytes, `HORAS_DE_ESPERA_DE_ADJUNTOS` after they came.
 */
@Injectable()
export class AdjuntosEnEspera {
  private readonly logger = new Logger(AdjuntosEnEspera.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: AttachmentStorage,
  ) {}

  /** The files kept for this form, in the order they came. */
  async listar(formulario: FormularioDeHoja): Promise<AdjuntoEnEspera[]> {
    return this.dataSource.query(
      `SELECT id, nombre_original AS "nombreOriginal", tipo_mime AS "tipoMime", bytes, sha256, clave_almacen AS clave
         FROM adjunto_en_espera WHERE entidad_id = $1 AND clave_envio = $2 ORDER BY recibido_en, id`,
      [formulario.entidadId, formulario.claveEnvio],
    );
  }

  /**
   * Keeps newly received files for the form. A file already kept (same name and bytes: the person
   * attached it again, or the page was posted twice) is not kept twice: its new copy is removed.
   * Purges, first, the files of forms left for more than a day.
   */
  async guardar(formulario: FormularioDeHoja, nuevos: readonly IncomingAttachment[]): Promise<void> {
    await this.purgarVencidos();
    if (nuevos.length === 0) return;
    const guardados = await this.listar(formulario);
    const repetidos = nuevos.filter((n) => guardados.some((g) => g.sha256 === n.sha256 && g.nombreOriginal === n.nombreOriginal));
    const otros = nuevos.filter((n) => !repetidos.includes(n));
    await Promise.all(repetidos.map((r) => this.storage.remove(r.clave)));
    if (otros.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO adjunto_en_espera (entidad_id, clave_envio, nombre_original, tipo_mime, bytes, sha256, clave_almacen, recibido_en)
       SELECT $1, $2, f.nombre, f.tipo, f.bytes, f.sha256, f.clave, now()
         FROM unnest($3::text[], $4::text[], $5::int[], $6::text[], $7::text[]) AS f (nombre, tipo, bytes, sha256, clave)`,
      [
        formulario.entidadId,
        formulario.claveEnvio,
        otros.map((a) => a.nombreOriginal.slice(0, 255)),
        otros.map((a) => a.tipoMime),
        otros.map((a) => a.bytes),
        otros.map((a) => a.sha256),
        otros.map((a) => a.clave),
      ],
    );
  }

  /** Removes the chosen files of this form (another form's ids are ignored), rows and bytes; returns the names removed. */
  async quitar(formulario: FormularioDeHoja, ids: readonly string[]): Promise<string[]> {
    const validos = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (validos.length === 0) return [];
    const quitados: Array<{ clave: string; nombre: string }> = await this.dataSource.query(
      `WITH quitados AS (
         DELETE FROM adjunto_en_espera WHERE entidad_id = $1 AND clave_envio = $2 AND id = ANY($3::uuid[])
         RETURNING clave_almacen AS clave, nombre_original AS nombre)
       SELECT clave, nombre FROM quitados`,
      [formulario.entidadId, formulario.claveEnvio, validos],
    );
    await Promise.all(quitados.map((q) => this.storage.remove(q.clave)));
    return quitados.map((q) => q.nombre);
  }

  /**
   * Inside the filing's transaction: takes the form's kept files off the waiting list (they become the
   * reclamo's `adjunto` rows in the same commit). A file purged meanwhile is said, never dropped unsaid.
   */
  async tomar(manager: EntityManager, formulario: FormularioDeHoja, esperados: readonly AdjuntoEnEspera[]): Promise<void> {
    if (esperados.length === 0) return;
    const tomados: Array<{ id: string }> = await manager.query(
      `WITH tomados AS (
         DELETE FROM adjunto_en_espera WHERE entidad_id = $1 AND clave_envio = $2 AND id = ANY($3::uuid[]) RETURNING id)
       SELECT id FROM tomados`,
      [formulario.entidadId, formulario.claveEnvio, esperados.map((a) => a.id)],
    );
    const faltan = esperados.filter((a) => !tomados.some((t) => t.id === a.id));
    if (faltan.length > 0) {
      throw new ValidationFailedError(
        faltan.map((a) => ({ campo: 'adjuntos', mensaje: `ya no tenemos «${a.nombreOriginal}» (pasó más de un día); adjúntelo de nuevo` })),
      );
    }
  }

  /**
   * Removes the files of forms left unfiled for more than `HORAS_DE_ESPERA_DE_ADJUNTOS` of the database's
   * own time (a retention, not a business date: the app's clock is not used), a bounded
   * batch per call. Rows a filing is taking right now are skipped (SKIP LOCKED), so a form filed at
   * the last minute keeps its files. Returns how many were removed.
   */
  async purgarVencidos(): Promise<number> {
    const vencidos: Array<{ clave: string }> = await this.dataSource.query(
      `WITH vencidos AS (
         DELETE FROM adjunto_en_espera WHERE id IN (
           SELECT id FROM adjunto_en_espera WHERE recibido_en < now() - make_interval(hours => $1) ORDER BY recibido_en LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING clave_almacen AS clave)
       SELECT clave FROM vencidos`,
      [HORAS_DE_ESPERA_DE_ADJUNTOS, PURGA_POR_VEZ],
    );
    await Promise.all(vencidos.map((v) => this.storage.remove(v.clave)));
    if (vencidos.length > 0) this.logger.log({ msg: 'adjuntos en espera vencidos eliminados', cantidad: vencidos.length });
    return vencidos.length;
  }
}
