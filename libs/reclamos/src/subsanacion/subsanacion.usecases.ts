import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { limaDateOf } from '@app/calendar';
import { documentoParaBuscar } from '@app/domain/documents';
import {
  assertTransition,
  DomainError,
  dondeResponderSubsanacion,
  EstadoReclamo,
  FieldError,
  fechaLimiteSubsanacion,
  parseCodigoReclamo,
  plazoDuranteSubsanacion,
  SUBSANACION_TEXTO_MAX,
  SUBSANACION_TEXTO_MIN,
  ValidationFailedError,
} from '@app/domain';
import { ACTOR_CIUDADANO, actualizarReclamo, AdjuntoDelReclamo, agregarAdjuntos, AuditTrail, registrarEvento } from '@app/expediente';
import { escribirMensajes } from '@app/notifications';
import { Clock } from '@app/platform/clock';
import { CalendarProvider } from '../calendar/calendar.provider';
import { ReceiptTokens } from '../receipt/receipt-token';
import { reanudarTrasSubsanacion, SolicitudDeSubsanacion, ultimaSolicitudDeSubsanacion } from './solicitud-subsanacion';

/**
 * How the citizen proves the reclamo is theirs: the single-use link of the request e-mail (or the one
 * the tracking page gives after code and document), or the filer's document number (the API).
 */
export type AccesoSubsanacion = { token: string } | { documento: string };

/** Where a request for missing information stands for the citizen who opens it. */
export type SituacionSubsanacion =
  /** Waiting for the reply, within the window: the form is offered. */
  | 'abierta'
  /** Already answered (online or in person): nothing more through this link. */
  | 'respondida'
  /** The window is over (or the reclamo was archived as not supplied): the citizen can file again. */
  | 'vencida'
  /** A later request replaced the one this link was for. */
  | 'reemplazada'
  /** The reclamo waits for nothing from the citizen (never asked, or closed by the entity). */
  | 'sin_pedido';

export interface SubsanacionParaResponder {
  codigo: string;
  entidad: { codigo: string; nombre: string };
  situacion: SituacionSubsanacion;
  /** What the entity asked, in the responsable's words; null when there is no request. */
  pedido: string | null;
  /** AAAA-MM-DD (Lima): the last day to reply (until 23:59). */
  venceEl: string | null;
  /** Whether the entity's clock stops while the citizen answers, in the citizen's words. */
  plazoDuranteSubsanacion: string | null;
  /** Where to hand it in person instead. */
  dondeResponder: string;
}

export interface ResponderSubsanacionCommand {
  codigo: string;
  acceso: AccesoSubsanacion;
  texto: string | undefined;
  /** Files already checked and stored by the caller (storage's multipart intake, the 20 MB budget). */
  adjuntos: readonly AdjuntoDelReclamo[];
  ip?: string | null;
}

export interface SubsanacionRespondida {
  codigo: string;
  estado: EstadoReclamo;
  /** AAAA-MM-DD (Lima): the reclamo's due date after the reply. */
  vence: string;
  /** Business days the clock stood still (0 when the entity does not pause it). */
  diasPausados: number;
  adjuntos: number;
}

const NO_ENCONTRADO = 'No encontramos esa solicitud de información. Revise el enlace de su correo o consulte su reclamo con el código y su documento.';

const MENSAJES: Readonly<Record<Exclude<SituacionSubsanacion, 'abierta'>, (s: SubsanacionParaResponder) => string>> = {
  respondida: () => 'Usted ya respondió esta solicitud de la entidad; su reclamo volvió a atención. Puede seguirlo en la página de seguimiento.',
  vencida: (s) =>
    `El plazo para completar su reclamo venció${s.venceEl ? ` el ${fechaLimiteSubsanacion(s.venceEl)}` : ''}. La entidad puede archivarlo como «no subsanado»; ` +
    `si lo archiva, usted puede presentar un reclamo nuevo con la información completa en el libro de reclamaciones de ${s.entidad.nombre} (/e/${s.entidad.codigo}).`,
  reemplazada: () => 'Este enlace es de una solicitud anterior de la entidad y ya no sirve. Consulte su reclamo en la página de seguimiento para ver lo que se le pide ahora.',
  sin_pedido: () => 'Su reclamo no espera información de usted en este momento: la entidad no le pidió completar nada o ya no lo necesita.',
};

interface ReclamoDelCiudadano {
  id: string;
  entidad_id: string;
  codigo: string;
  estado: EstadoReclamo;
  vence_el: string;
  dias_pausados: number;
  asignado_a: string | null;
  entidad_codigo: string;
  entidad_nombre: string;
  entidad_ubigeo: string;
  sede_nombre: string | null;
  sede_direccion: string | null;
}

/**
 * The reclamo the citizen may answer for, and the request a link stands for. The same 404 for an
 * unknown code, a wrong document and a token that is not this code's (another reclamo's link), so
 * codes cannot be probed. `lock`: the reply holds the reclamo's row until it commits, so two replies
 * (a double click, a reused link) are one after the other and the second sees the first.
 */
async function abrir(
  manager: EntityManager,
  tokens: ReceiptTokens,
  codigoDado: string,
  acceso: AccesoSubsanacion,
  lock: boolean,
): Promise<{ reclamo: ReclamoDelCiudadano; eventoDelEnlace: string | null }> {
  const parsed = parseCodigoReclamo(codigoDado ?? '');
  if (!parsed) throw new DomainError('RECLAMO_NOT_FOUND', NO_ENCONTRADO);
  const codigo = `${parsed.entidad}-${parsed.anio}-${String(parsed.correlativo).padStart(6, '0')}`;
  let eventoDelEnlace: string | null = null;
  let documentos: string[] | null = null;
  if ('token' in acceso) {
    eventoDelEnlace = tokens.subsanacionOf(codigo, acceso.token);
    if (!eventoDelEnlace) throw new DomainError('RECLAMO_NOT_FOUND', NO_ENCONTRADO);
  } else {
    documentos = documentoParaBuscar(acceso.documento ?? '');
    if (!documentos.some((d) => d.length >= 6)) throw new DomainError('RECLAMO_NOT_FOUND', NO_ENCONTRADO);
  }
  const [reclamo]: ReclamoDelCiudadano[] = await manager.query(
    `SELECT r.id, r.entidad_id, r.codigo, r.estado, r.vence_el::text AS vence_el, r.dias_pausados, r.asignado_a,
            e.codigo AS entidad_codigo, e.nombre AS entidad_nombre, e.ubigeo AS entidad_ubigeo,
            s.nombre AS sede_nombre, s.direccion AS sede_direccion
       FROM reclamo r
       JOIN entidad e ON e.id = r.entidad_id
       LEFT JOIN sede s ON s.id = r.sede_id
      WHERE r.codigo = $1
        AND ($2::text[] IS NULL OR EXISTS (
              SELECT 1 FROM reclamo_persona p WHERE p.reclamo_id = r.id AND p.rol = 'reclamante' AND p.numero_documento = ANY ($2::text[])))
      ${lock ? 'FOR UPDATE OF r' : ''}`,
    [codigo, documentos],
  );
  if (!reclamo) throw new DomainError('RECLAMO_NOT_FOUND', NO_ENCONTRADO);
  return { reclamo, eventoDelEnlace };
}

/** Where the request stands: the reclamo's state, its latest request, what ended it, and today in Lima. */
async function situacionDe(
  manager: EntityManager,
  reclamo: ReclamoDelCiudadano,
  solicitud: SolicitudDeSubsanacion | null,
  eventoDelEnlace: string | null,
  hoy: string,
): Promise<SituacionSubsanacion> {
  if (!solicitud) return 'sin_pedido';
  if (eventoDelEnlace !== null && eventoDelEnlace !== solicitud.eventoId) {
    return BigInt(eventoDelEnlace) < BigInt(solicitud.eventoId) ? 'reemplazada' : 'sin_pedido';
  }
  if (reclamo.estado === EstadoReclamo.OBSERVADO) return hoy > solicitud.venceEl ? 'vencida' : 'abierta';
  // Out of observado since: what took it out says which.
  const [fin]: Array<{ accion: string | null }> = await manager.query(
    `SELECT datos->>'accion' AS accion FROM reclamo_evento
      WHERE reclamo_id = $1 AND estado_anterior = '${EstadoReclamo.OBSERVADO}' AND id > $2::bigint
      ORDER BY id LIMIT 1`,
    [reclamo.id, solicitud.eventoId],
  );
  if (fin?.accion === 'subsanacion_respondida' || fin?.accion === 'subsanacion_recibida') return 'respondida';
  if (fin?.accion === 'archivado_no_subsanado' || hoy > solicitud.venceEl) return 'vencida';
  return 'sin_pedido';
}

function paraResponder(reclamo: ReclamoDelCiudadano, solicitud: SolicitudDeSubsanacion | null, situacion: SituacionSubsanacion): SubsanacionParaResponder {
  return {
    codigo: reclamo.codigo,
    entidad: { codigo: reclamo.entidad_codigo, nombre: reclamo.entidad_nombre },
    situacion,
    pedido: solicitud?.pedido ?? null,
    venceEl: solicitud?.venceEl ?? null,
    plazoDuranteSubsanacion: solicitud ? plazoDuranteSubsanacion(solicitud.pausaPlazo) : null,
    dondeResponder: dondeResponderSubsanacion(
      reclamo.entidad_nombre,
      reclamo.sede_nombre ? { nombre: reclamo.sede_nombre, direccion: reclamo.sede_direccion ?? '' } : null,
    ),
  };
}

/** Opens a request for missing information for its citizen: what is asked, until when, and whether it can still be answered. Writes nothing. */
@Injectable()
export class GetSubsanacionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: ReceiptTokens,
    private readonly clock: Clock,
  ) {}

  async execute(query: { codigo: string; acceso: AccesoSubsanacion }): Promise<SubsanacionParaResponder> {
    const manager = this.dataSource.manager;
    const { reclamo, eventoDelEnlace } = await abrir(manager, this.tokens, query.codigo, query.acceso, false);
    const solicitud = await ultimaSolicitudDeSubsanacion(manager, reclamo.id);
    const situacion = await situacionDe(manager, reclamo, solicitud, eventoDelEnlace, limaDateOf(this.clock.now()));
    return paraResponder(reclamo, solicitud, situacion);
  }
}

/**
 * The citizen answers a request for missing information online (D.S. 007-2020-PCM: 2 días hábiles):
 * their text and files are kept with the reclamo (attachments of kind 'subsanacion'), the reclamo goes
 * back observado → en_atencion with a timeline entry by the citizen and an audit entry, the window is
 * closed, the due date moves when the request paused the clock, and the assigned officer (or, with
 * nobody assigned, the entity's responsables) is told, all in one transaction. Once: a second reply
 * through the same link is refused (CONFLICT); after the window, nothing is taken (PLAZO_CERRADO) and
 * the citizen is told how to file again. Nothing is written when anything is refused.
 */
@Injectable()
export class ResponderSubsanacionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: ReceiptTokens,
    private readonly calendars: CalendarProvider,
    private readonly auditTrail: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(command: ResponderSubsanacionCommand): Promise<SubsanacionRespondida> {
    assertTransition(EstadoReclamo.OBSERVADO, EstadoReclamo.EN_ATENCION);
    const calendar = await this.calendars.current();
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const { reclamo, eventoDelEnlace } = await abrir(manager, this.tokens, command.codigo, command.acceso, true);
      const ahora = this.clock.now();
      const solicitud = await ultimaSolicitudDeSubsanacion(manager, reclamo.id);
      const situacion = await situacionDe(manager, reclamo, solicitud, eventoDelEnlace, limaDateOf(ahora));
      if (situacion !== 'abierta' || !solicitud) {
        const vista = paraResponder(reclamo, solicitud, situacion);
        throw new DomainError(situacion === 'vencida' ? 'PLAZO_CERRADO' : 'CONFLICT', MENSAJES[situacion === 'abierta' ? 'sin_pedido' : situacion](vista));
      }

      const errors: FieldError[] = [];
      const texto = (command.texto ?? '').trim();
      const largo = Array.from(texto).length;
      if (largo === 0) errors.push({ campo: 'texto', mensaje: 'escriba la información que la entidad le pidió' });
      else if (largo < SUBSANACION_TEXTO_MIN || largo > SUBSANACION_TEXTO_MAX) {
        errors.push({ campo: 'texto', mensaje: `escriba entre ${SUBSANACION_TEXTO_MIN} y ${SUBSANACION_TEXTO_MAX} caracteres` });
      }
      if (errors.length > 0) throw new ValidationFailedError(errors);

      const scope = this.calendars.scopeOf({ codigo: reclamo.entidad_codigo, ubigeo: reclamo.entidad_ubigeo });
      const reanudacion = reanudarTrasSubsanacion({
        solicitud,
        reclamo: { venceEl: reclamo.vence_el, diasPausados: reclamo.dias_pausados },
        ahora,
        calendar,
        scope,
      });
      const adjuntoIds = await agregarAdjuntos(manager, reclamo.id, 'subsanacion', command.adjuntos);
      await actualizarReclamo(manager, {
        reclamoId: reclamo.id,
        entidadId: reclamo.entidad_id,
        estado: EstadoReclamo.EN_ATENCION,
        // Waiting for staff until someone acts on the reclamo (the responsable's landing page counts these).
        columnas: { ...reanudacion.columnas, subsanacion_respondida_en: ahora },
        ahora,
      });
      const datos = {
        accion: 'subsanacion_respondida',
        solicitudEventoId: solicitud.eventoId,
        via: 'token' in command.acceso ? 'enlace' : 'documento',
        adjuntoIds,
        ...reanudacion.datos,
      };
      // The reply is the event's text (the timeline staff read); the tracking page shows only that it was sent.
      const eventoId = await registrarEvento(manager, {
        reclamoId: reclamo.id,
        entidadId: reclamo.entidad_id,
        tipo: 'cambio_estado',
        estadoAnterior: EstadoReclamo.OBSERVADO,
        estadoNuevo: EstadoReclamo.EN_ATENCION,
        actor: { tipo: 'ciudadano' },
        motivo: texto,
        datos,
        ocurridoEn: ahora,
      });
      // The audit entry records the move and what came with it, not the citizen's words (they stay in the timeline).
      await this.auditTrail.append(manager, {
        entidadId: reclamo.entidad_id,
        reclamoId: reclamo.id,
        actor: ACTOR_CIUDADANO,
        ip: command.ip ?? null,
        accion: 'subsanacion_respondida',
        detalle: {
          codigo: reclamo.codigo,
          estadoAnterior: EstadoReclamo.OBSERVADO,
          estadoNuevo: EstadoReclamo.EN_ATENCION,
          ...datos,
          caracteres: Array.from(texto).length,
          cambios: reanudacion.columnas,
          eventoId,
        },
        ocurridoEn: ahora,
      });
      await this.avisarAlPersonal(manager, reclamo, eventoId);
      return {
        codigo: reclamo.codigo,
        estado: EstadoReclamo.EN_ATENCION,
        vence: reanudacion.vence,
        diasPausados: reanudacion.diasPausados,
        adjuntos: adjuntoIds.length,
      };
    });
  }

  /** The assigned officer if still active; with nobody (active) assigned, the entity's responsables. */
  private async avisarAlPersonal(manager: EntityManager, reclamo: ReclamoDelCiudadano, eventoId: string): Promise<void> {
    const destinatarios: Array<{ id: string; email: string }> = await manager.query(
      `SELECT u.id, u.email FROM usuario u
        WHERE u.entidad_id = $1 AND u.activo
          AND (u.id = $2 OR (NOT EXISTS (SELECT 1 FROM usuario a WHERE a.id = $2 AND a.entidad_id = $1 AND a.activo)
                             AND u.rol IN ('responsable_titular', 'responsable_alterno')))
        ORDER BY u.id`,
      [reclamo.entidad_id, reclamo.asignado_a],
    );
    await escribirMensajes(
      manager,
      destinatarios.map((u) => ({
        tipo: 'subsanacion_respondida' as const,
        entidadId: reclamo.entidad_id,
        reclamoId: reclamo.id,
        destinatario: u.email,
        datos: { reclamoId: reclamo.id, eventoId, usuarioId: u.id },
        claveUnica: `subsanacion_respondida:${reclamo.id}:${eventoId}:${u.id}`,
      })),
    );
  }
}
