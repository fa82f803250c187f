import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ACTOR_SISTEMA,
  AuditTrail,
  clavesDeAdjuntos,
  ExpedienteAPurgar,
  purgarExpedientes,
  registrarEventos,
  tomarExpedientesVencidos,
} from '@app/expediente';
import { olvidarDestinatarios } from '@app/notifications';
import { Clock } from '@app/platform/clock';
import { olvidarComentariosDeEncuesta } from '@app/reclamos';
import { AttachmentStorage } from '@app/storage';

/** Cases per transaction: a batch holds its rows' locks (and its entities' audit heads) only while it runs. */
export const PURGA_LOTE = 200;

export interface ResultadoPurga {
  /** Reclamos whose personal data and files were removed in this run. */
  casos: number;
  /** Attachment files removed (rows and bytes). */
  adjuntos: number;
  lotes: number;
}

/**
 * The retention purge (Ley 29733; periods in `entidad.retencion_meses`, floor in @app/domain's
 * `RETENCION_MINIMA_MESES`). For each closed reclamo past its entity's period, counted in calendar months
 * from the move that closed it: removes the people's personal data, the citizen's and the answer's texts,
 * internal notes, survey comments and the citizen's address from sent messages, deletes its files (bytes in
 * the storage, then rows), marks it purged (`datos_purgados_en`), and records it in its timeline
 * (`datos_purgados`) and in its entity's audit chain, with counts only.
 *
 * What stays, so the figures and the chain stay verifiable: the reclamo row with every column the rollups
 * read (dates, states, aspecto, sede, unidad, servicio, tema, canal, plazo, notificación), every timeline
 * entry and its state move, the notification's medio and date, the survey's ratings, and every audit entry
 * (append-only and hashed: the purge only adds one).
 *
 * Batched: each batch is one transaction over at most `PURGA_LOTE` cases taken `FOR UPDATE SKIP LOCKED`, so
 * a million-case backlog never holds long locks, and two runs at once (two workers) purge disjoint cases:
 * each case once, with one audit entry. Idempotent: a purged case is never a candidate again.
 *
 * Files go before their rows, inside the batch's transaction: if the batch then fails, the rows still name
 * files that are gone, and the next run (the case is still a candidate) finishes it; the other order could
 * leave bytes of personal data behind with nothing pointing at them.
 */
@Injectable()
export class PurgarDatosVencidosUseCase {
  private readonly logger = new Logger(PurgarDatosVencidosUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrail,
    private readonly storage: AttachmentStorage,
    private readonly clock: Clock,
  ) {}

  /** `lote`: cases per transaction (default PURGA_LOTE); `entidadIds`: only these entities (default every one). */
  async execute(opciones: { lote?: number; entidadIds?: readonly string[] } = {}): Promise<ResultadoPurga> {
    const lote = opciones.lote ?? PURGA_LOTE;
    const ahora = this.clock.now();
    const resultado: ResultadoPurga = { casos: 0, adjuntos: 0, lotes: 0 };
    let cursor: { registradoEn: Date; id: string } | null = null;
    do {
      const desde: { registradoEn: Date; id: string } | null = cursor;
      const hecho = await this.dataSource.transaction(async (manager) => {
        const tomados = await tomarExpedientesVencidos(manager, ahora, lote, desde, opciones.entidadIds ?? null);
        const casos = tomados.casos;
        if (casos.length === 0) return { cursor: tomados.cursor, casos: 0, adjuntos: 0 };
        const ids = casos.map((c) => c.id);
        const archivos = await clavesDeAdjuntos(manager, ids);
        for (const archivo of archivos) await this.storage.remove(archivo.clave);
        // Atención's own tables: the proof of a postal notification is one of the files above.
        await manager.query(
          `UPDATE notificacion_respuesta SET constancia_adjunto_id = NULL, constancia_purgada_en = $2
            WHERE reclamo_id = ANY ($1::uuid[]) AND constancia_adjunto_id IS NOT NULL`,
          [ids, ahora],
        );
        await manager.query(
          `UPDATE respuesta SET hechos = '', analisis = '', medidas_adoptadas = '', comentarios_devolucion = NULL WHERE reclamo_id = ANY ($1::uuid[])`,
          [ids],
        );
        await manager.query(`UPDATE nota_interna SET texto = '' WHERE reclamo_id = ANY ($1::uuid[])`, [ids]);
        const mensajes = await olvidarDestinatarios(manager, ids);
        const comentarios = await olvidarComentariosDeEncuesta(manager, ids);
        const purgas = await purgarExpedientes(manager, ids, ahora);
        const eventoIds = await registrarEventos(
          manager,
          purgas.map((p) => ({
            reclamoId: p.reclamoId,
            entidadId: caso(casos, p.reclamoId).entidadId,
            tipo: 'datos_purgados' as const,
            actor: { tipo: 'sistema' as const },
            datos: { personas: p.personas, adjuntos: p.adjuntos, eventos: p.eventos },
            ocurridoEn: ahora,
          })),
        );
        await this.auditTrail.appendMany(
          manager,
          purgas.map((p, i) => {
            const c = caso(casos, p.reclamoId);
            return {
              entidadId: c.entidadId,
              reclamoId: c.id,
              actor: ACTOR_SISTEMA,
              ip: null,
              accion: 'datos_purgados',
              detalle: {
                codigo: c.codigo,
                estado: c.estado,
                cerradoEn: c.cerradoEn.toISOString(),
                personas: p.personas,
                adjuntos: p.adjuntos,
                eventos: p.eventos,
                eventoId: eventoIds[i],
              },
              ocurridoEn: ahora,
            };
          }),
        );
        return { cursor: tomados.cursor, casos: casos.length, adjuntos: archivos.length, mensajes, comentarios };
      });
      cursor = hecho.cursor;
      resultado.lotes += 1;
      resultado.casos += hecho.casos;
      resultado.adjuntos += hecho.adjuntos;
      if (resultado.lotes % 25 === 0) {
        this.logger.log({ casos: resultado.casos, adjuntos: resultado.adjuntos, lotes: resultado.lotes }, 'Purga de datos personales vencidos: avance');
      }
    } while (cursor !== null);
    // Counts only: never a code, a name or a document (the audit chain names the cases).
    this.logger.log({ casos: resultado.casos, adjuntos: resultado.adjuntos, lotes: resultado.lotes }, 'Purga de datos personales vencidos');
    return resultado;
  }
}

function caso(casos: readonly ExpedienteAPurgar[], id: string): ExpedienteAPurgar {
  const found = casos.find((c) => c.id === id);
  if (!found) throw new Error(`purga: caso ${id} no tomado`);
  return found;
}
