import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { limaDateOf } from '@app/calendar';
import { dondeResponderSubsanacion, ESTADO_CIUDADANO_LABELS, ESTADOS_ABIERTOS, ETAPA_DE_ESTADO, EstadoReclamo, plazoDuranteSubsanacion } from '@app/domain';
import { Clock } from '@app/platform/clock';
import { CalendarProvider } from '../calendar/calendar.provider';
import { ReclamoDelCiudadanoFinder, type ReclamoDelCiudadanoQuery, type RespuestaParaCiudadano } from './reclamo-del-ciudadano.query';
import { describeEventoForCitizen } from './timeline-for-citizen';

export type TrackReclamoQuery = ReclamoDelCiudadanoQuery;

export interface ReclamoSeguimiento {
  codigo: string;
  entidad: { codigo: string; nombre: string };
  estado: EstadoReclamo;
  estadoEtiqueta: string;
  etapa: string;
  registradoEn: string;
  fechaRegistro: string;
  plazoDiasHabiles: number;
  vence: string;
  /** Business days left until the due date while the reclamo is open; negative when overdue; null once closed. */
  diasHabilesRestantes: number | null;
  vencido: boolean;
  historial: Array<{ fecha: string; descripcion: string }>;
  /** The entity's answer, once it was notified to the citizen; null before. */
  respuesta: RespuestaParaCiudadano | null;
  /** While the reclamo is observado: what the entity asked for and until when; null otherwise. */
  subsanacion: SubsanacionParaCiudadano | null;
}

/** A request for missing information (D.S. 007-2020-PCM: 2 días hábiles to supply it). */
export interface SubsanacionParaCiudadano {
  /** What is missing, in the responsable's words (written for the citizen). */
  pedido: string;
  /** AAAA-MM-DD, Lima: the last business day to supply it (until the end of that day). */
  venceEl: string;
  /** Today in Lima is after that day: the reclamo may be archived, and the citizen can file again. */
  vencida: boolean;
  /** Where to hand it in: the entity's mesa de partes or the sede of the reclamo. */
  dondeResponder: string;
  /** The request's timeline event: the reply online is tied to it. */
  solicitudId: string;
  /** The entity's 30 días hábiles stop while the citizen answers (its setting when it asked). */
  pausaPlazo: boolean;
  /** The same, in the citizen's words. */
  plazoDuranteSubsanacion: string;
}

/**
 * The citizen's view of a reclamo: state, stage, due date and the public part of the
 * timeline, for whoever holds both the code and the filer's document number.
 */
@Injectable()
export class TrackReclamoUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reclamos: ReclamoDelCiudadanoFinder,
    private readonly calendars: CalendarProvider,
    private readonly clock: Clock,
  ) {}

  async execute(query: TrackReclamoQuery): Promise<ReclamoSeguimiento> {
    const row = await this.reclamos.find(query);

    const eventos: Array<{ tipo: string; estado_nuevo: string | null; ocurrido_en: Date; datos: Record<string, unknown> }> =
      await this.dataSource.query(
        `SELECT tipo, estado_nuevo, ocurrido_en, datos FROM reclamo_evento WHERE reclamo_id = $1 ORDER BY id`,
        [row.id],
      );

    const abierto = ESTADOS_ABIERTOS.includes(row.estado);
    let diasHabilesRestantes: number | null = null;
    if (abierto) {
      const calendar = await this.calendars.current();
      const scope = this.calendars.scopeOf({ codigo: row.entidad_codigo, ubigeo: row.entidad_ubigeo });
      diasHabilesRestantes = calendar.businessDaysBetween(limaDateOf(this.clock.now()), row.vence_el, scope);
    }
    return {
      codigo: row.codigo,
      entidad: { codigo: row.entidad_codigo, nombre: row.entidad_nombre },
      estado: row.estado,
      estadoEtiqueta: ESTADO_CIUDADANO_LABELS[row.estado],
      etapa: ETAPA_DE_ESTADO[row.estado],
      registradoEn: new Date(row.registrado_en).toISOString(),
      fechaRegistro: row.fecha_registro_lima,
      plazoDiasHabiles: row.plazo_dias_habiles,
      vence: row.vence_el,
      diasHabilesRestantes,
      vencido: diasHabilesRestantes !== null && diasHabilesRestantes < 0,
      historial: eventos
        .map((e) => ({ fecha: new Date(e.ocurrido_en).toISOString(), descripcion: describeEventoForCitizen(e) }))
        .filter((e): e is { fecha: string; descripcion: string } => e.descripcion !== null),
      respuesta: await this.reclamos.respuestaNotificada(row),
      subsanacion: row.estado === EstadoReclamo.OBSERVADO ? await this.subsanacionPedida(row.id, row.entidad_nombre) : null,
    };
  }

  /** The latest request's own timeline entry: its words and its window, as the e-mail said them. */
  private async subsanacionPedida(reclamoId: string, entidadNombre: string): Promise<SubsanacionParaCiudadano | null> {
    const [row]: Array<{ id: string; pedido: string | null; vence: string | null; pausa: boolean | null; sede_nombre: string | null; sede_direccion: string | null }> =
      await this.dataSource.query(
        `SELECT ev.id::text AS id, ev.motivo AS pedido, ev.datos->>'subsanacionVence' AS vence, (ev.datos->>'pausaPlazo')::boolean AS pausa,
                s.nombre AS sede_nombre, s.direccion AS sede_direccion
           FROM reclamo_evento ev
           JOIN reclamo r ON r.id = ev.reclamo_id
           LEFT JOIN sede s ON s.id = r.sede_id
          WHERE ev.reclamo_id = $1 AND ev.estado_nuevo = 'observado'
          ORDER BY ev.id DESC
          LIMIT 1`,
        [reclamoId],
      );
    if (!row?.pedido || !row.vence) return null;
    return {
      pedido: row.pedido,
      venceEl: row.vence,
      vencida: limaDateOf(this.clock.now()) > row.vence,
      dondeResponder: dondeResponderSubsanacion(entidadNombre, row.sede_nombre ? { nombre: row.sede_nombre, direccion: row.sede_direccion ?? '' } : null),
      solicitudId: row.id,
      pausaPlazo: row.pausa === true,
      plazoDuranteSubsanacion: plazoDuranteSubsanacion(row.pausa === true),
    };
  }
}
