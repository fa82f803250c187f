import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { assertTransition, DomainError, ESTADO_LABELS, EstadoReclamo } from '@app/domain';
import { Clock } from '@app/platform/clock';
import { StaffUser } from '@app/staff';
import { assertReclamoAccess, assertEntidadScope, assertUuidOrNotFound, ReclamoAccess, reclamoNotFound } from '../access/reclamo-access';
import { AccionDeAcceso, actualizarReclamo, AuditTrail, ColumnasDelReclamo, RegistroDeAcceso, registrarEvento, TipoEvento } from '@app/expediente';
import { ReclamoCommand } from './reclamo-command';

/** The reclamo as the actions need it (no personal data). */
export interface ReclamoRow {
  id: string;
  entidadId: string;
  entidadCodigo: string;
  entidadUbigeo: string;
  aprobacionRequerida: boolean;
  codigo: string;
  estado: EstadoReclamo;
  asignadoA: string | null;
  unidadId: string | null;
  notificacionEmail: boolean;
  venceEl: string;
  subsanacionVenceEl: string | null;
  /** The citizen's online reply to a subsanación waits for staff (`reclamo.subsanacion_respondida_en` is set). */
  subsanacionRespondida: boolean;
}

export interface Recorded {
  /** Timeline event kind; 'cambio_estado' is what the citizen's tracking page shows. */
  tipo: TipoEvento;
  motivo?: string | null;
  datos?: Record<string, unknown>;
}

export interface Move {
  /** What the staff member did (asignado, observado, …), kept in the timeline and the audit trail. */
  accion: string;
  motivo?: string | null;
  datos?: Record<string, unknown>;
  /** Extra columns of reclamo written with the move (a closed list, see ColumnasDelReclamo). */
  set?: ColumnasDelReclamo;
  /** When several actions reach the same state, the one state this action starts from. */
  desde?: readonly EstadoReclamo[];
}

export interface ReclamoContext {
  readonly manager: EntityManager;
  readonly reclamo: ReclamoRow;
  readonly actor: StaffUser;
  readonly now: Date;
  /** Moves the reclamo (only if the lifecycle allows it) and records it in the timeline and the audit trail. Returns the event id. */
  readonly move: (to: EstadoReclamo, move: Move) => Promise<string>;
  /** Records something that is not a move, in the timeline and the audit trail. Returns the event id. */
  readonly record: (recorded: Recorded) => Promise<string>;
  /** An audit entry only (a change with no timeline event, such as a traslado's receipt). */
  readonly audit: (accion: string, detalle: Record<string, unknown>) => Promise<void>;
  /**
   * A read of the reclamo (a view, a download): a row in the log of reads (`RegistroDeAcceso`), not the hash
   * chain, so it waits on no writer. `detalle` gets the code; ids and counts only, never personal data.
   */
  readonly registrarAcceso: (accion: AccionDeAcceso, detalle: Record<string, unknown>) => Promise<void>;
}

const RECLAMO_SELECT = `
  SELECT r.id, r.entidad_id AS "entidadId", e.codigo AS "entidadCodigo", e.ubigeo AS "entidadUbigeo",
         e.aprobacion_requerida AS "aprobacionRequerida", r.codigo, r.estado, r.asignado_a AS "asignadoA",
         r.unidad_id AS "unidadId", r.notificacion_email AS "notificacionEmail", r.vence_el::text AS "venceEl",
         r.subsanacion_vence_el::text AS "subsanacionVenceEl", r.subsanacion_respondida_en IS NOT NULL AS "subsanacionRespondida"
    FROM reclamo r JOIN entidad e ON e.id = r.entidad_id
   WHERE r.id = $1 AND r.entidad_id = $2`;

/**
 * The frame every reclamo action runs in: the actor's role may reach reclamos, the reclamo is read
 * scoped to the actor's entity and locked (another entity's reclamo is "not found", never
 * "forbidden"), the actor may act on this reclamo, and the body's changes, timeline events, audit
 * entries and outbox rows commit together or not at all. A helper, not a base class: each use
 * reclamo stays one class with one `execute`.
 */
@Injectable()
export class ReclamoTransaction {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrail,
    private readonly registroDeAcceso: RegistroDeAcceso,
    private readonly clock: Clock,
  ) {}

  async run<T>(command: ReclamoCommand, access: ReclamoAccess, body: (ctx: ReclamoContext) => Promise<T>): Promise<T> {
    assertEntidadScope(command.actor, command.entidadId);
    assertUuidOrNotFound(command.reclamoId);
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const lock = access === 'leer' ? '' : ' FOR UPDATE OF r';
      const [reclamo]: ReclamoRow[] = await manager.query(RECLAMO_SELECT + lock, [command.reclamoId, command.entidadId]);
      if (!reclamo) throw reclamoNotFound();
      assertReclamoAccess(command.actor, reclamo, access);
      const now = this.clock.now();
      const ctx = this.contextFor(manager, reclamo, command, now);
      return body(ctx);
    });
  }

  private contextFor(manager: EntityManager, reclamo: ReclamoRow, command: ReclamoCommand, now: Date): ReclamoContext {
    const { actor } = command;
    const audit = (accion: string, detalle: Record<string, unknown>): Promise<void> =>
      this.auditTrail.append(manager, {
        entidadId: reclamo.entidadId,
        reclamoId: reclamo.id,
        actor,
        ip: command.ip ?? null,
        accion,
        detalle: { codigo: reclamo.codigo, ...detalle },
        ocurridoEn: now,
      });
    const registrarAcceso = (accion: AccionDeAcceso, detalle: Record<string, unknown>): Promise<void> =>
      this.registroDeAcceso.registrar(manager, {
        entidadId: reclamo.entidadId,
        reclamoId: reclamo.id,
        actor: { id: actor.id, rol: actor.rol },
        ip: command.ip ?? null,
        accion,
        detalle: { codigo: reclamo.codigo, ...detalle },
        ocurridoEn: now,
      });
    const event = async (tipo: TipoEvento, estadoNuevo: EstadoReclamo | null, motivo: string | null, datos: Record<string, unknown>) => {
      const id = await registrarEvento(manager, {
        reclamoId: reclamo.id,
        entidadId: reclamo.entidadId,
        tipo,
        estadoAnterior: estadoNuevo ? reclamo.estado : null,
        estadoNuevo,
        actor: { tipo: 'personal', id: actor.id },
        motivo,
        datos,
        ocurridoEn: now,
      });
      // Any staff action on the reclamo means the citizen's reply no longer waits for someone to look at it.
      if (reclamo.subsanacionRespondida) {
        await actualizarReclamo(manager, { reclamoId: reclamo.id, entidadId: reclamo.entidadId, columnas: { subsanacion_respondida_en: null }, ahora: now });
        reclamo.subsanacionRespondida = false;
      }
      return id;
    };
    return {
      manager,
      reclamo,
      actor,
      now,
      audit,
      registrarAcceso,
      record: async ({ tipo, motivo = null, datos = {} }) => {
        const id = await event(tipo, null, motivo, datos);
        await audit(tipo, { motivo, ...datos, eventoId: id });
        return id;
      },
      move: async (to, { accion, motivo = null, datos = {}, set = {}, desde }) => {
        assertTransition(reclamo.estado, to);
        if (desde && !desde.includes(reclamo.estado)) {
          throw new DomainError('INVALID_TRANSITION', `Esta acción no se puede realizar en un reclamo «${ESTADO_LABELS[reclamo.estado]}».`);
        }
        await actualizarReclamo(manager, { reclamoId: reclamo.id, entidadId: reclamo.entidadId, estado: to, columnas: set, ahora: now });
        const id = await event('cambio_estado', to, motivo, { accion, ...datos });
        await audit(accion, { estadoAnterior: reclamo.estado, estadoNuevo: to, motivo, ...datos, cambios: set, eventoId: id });
        reclamo.estado = to;
        return id;
      },
    };
  }
}

/** The reclamante's e-mail, if they gave one (the only personal datum an action needs). */
export async function reclamanteEmail(manager: EntityManager, reclamoId: string): Promise<string | null> {
  const [row]: Array<{ email: string | null }> = await manager.query(
    `SELECT email FROM reclamo_persona WHERE reclamo_id = $1 AND rol = 'reclamante'`,
    [reclamoId],
  );
  return row?.email ?? null;
}
