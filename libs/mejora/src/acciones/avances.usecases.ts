import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DomainError, FieldError } from '@app/domain';
import { AttachmentStorage, ReceivedAttachment } from '@app/storage';
import { admiteAvances, FASE_LABELS, TIPOS_EVIDENCIA, validarAvance } from '../reglas/accion-mejora';
import { AccionMejoraTransaction, isUuidMejora, MejoraCommand, throwIfInvalid } from './accion-transaction';

export interface AddAvanceCommand extends MejoraCommand {
  accionId: string;
  descripcion: unknown;
  /** Already checked by content and stored under the 20 MB budget; the caller removes them if this fails. */
  evidencias: ReceivedAttachment[];
}

/** A progress update of a running action, with its evidence files (PDF or images). */
@Injectable()
export class AddAvanceUseCase {
  constructor(private readonly tx: AccionMejoraTransaction) {}

  async execute(command: AddAvanceCommand): Promise<{ id: string }> {
    const { descripcion, errores } = validarAvance({ descripcion: command.descripcion });
    const errors: FieldError[] = [...errores];
    const ajenos = command.evidencias.filter((e) => !(TIPOS_EVIDENCIA as readonly string[]).includes(e.tipoMime));
    if (ajenos.length > 0) {
      errors.push({ campo: 'evidencias', mensaje: `«${ajenos[0].nombreOriginal}» no es un PDF ni una imagen; adjunte documentos PDF o fotos (JPG, PNG, GIF, WebP)` });
    }
    throwIfInvalid(errors);
    return this.tx.run(command, 'editar', async (ctx) => {
      if (!admiteAvances(ctx.accion.fase)) {
        throw new DomainError('INVALID_TRANSITION', `La acción está en «${FASE_LABELS[ctx.accion.fase]}»: los avances se registran desde que se aprueba (implementación).`);
      }
      const [row]: Array<{ id: string }> = await ctx.manager.query(
        `INSERT INTO accion_mejora_avance (accion_id, fase, descripcion, registrado_por, registrado_en) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [ctx.accion.id, ctx.accion.fase, descripcion, command.actor.id, ctx.now],
      );
      for (const e of command.evidencias) {
        await ctx.manager.query(
          `INSERT INTO accion_mejora_evidencia (avance_id, accion_id, nombre_original, tipo_mime, bytes, sha256, clave_almacen, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [row.id, ctx.accion.id, e.nombreOriginal, e.tipoMime, e.bytes, e.sha256, e.clave, ctx.now],
        );
      }
      await ctx.audit('accion_mejora_avance', {
        accionMejoraId: ctx.accion.id,
        avanceId: row.id,
        evidencias: command.evidencias.map((e) => ({ nombre: e.nombreOriginal, sha256: e.sha256, bytes: e.bytes })),
      });
      return row;
    });
  }
}

export interface EvidenciaDescarga {
  nombre: string;
  tipoMime: string;
  bytes: number;
  contenido: Readable;
}

/** An evidence file of the entity's own action, for its staff; each download is in the log of reads (ids, not the file's name). */
@Injectable()
export class DownloadEvidenciaUseCase {
  constructor(
    private readonly tx: AccionMejoraTransaction,
    private readonly storage: AttachmentStorage,
  ) {}

  async execute(command: MejoraCommand & { accionId: string; evidenciaId: string }): Promise<EvidenciaDescarga> {
    const notFound = new DomainError('ACCION_MEJORA_NOT_FOUND', 'No existe esa evidencia en las acciones de mejora de su entidad.');
    const row = await this.tx.run(command, 'leer', async (ctx) => {
      if (!isUuidMejora(command.evidenciaId)) throw notFound;
      const [found]: Array<{ id: string; nombre: string; tipoMime: string; bytes: number; clave: string }> = await ctx.manager.query(
        `SELECT id, nombre_original AS nombre, tipo_mime AS "tipoMime", bytes, clave_almacen AS clave FROM accion_mejora_evidencia WHERE id = $1 AND accion_id = $2`,
        [command.evidenciaId, ctx.accion.id],
      );
      if (!found) throw notFound;
      await ctx.registrarAcceso('accion_mejora_evidencia_descargada', { accionMejoraId: ctx.accion.id, evidenciaId: found.id });
      return found;
    });
    return { nombre: row.nombre, tipoMime: row.tipoMime, bytes: row.bytes, contenido: await this.storage.open(row.clave) };
  }
}
