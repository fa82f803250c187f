import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { limaDateOf } from '@app/calendar';
import { DomainError, FieldError, ValidationFailedError } from '@app/domain';
import { AccionDeAcceso, AuditTrail, RegistroDeAcceso } from '@app/expediente';
import { Clock } from '@app/platform/clock';
import { StaffUser } from '@app/staff';
import { Fase, isResponsableDelLibro } from '../reglas/accion-mejora';

/** Every command on improvement actions: who acts and from where. The entity is always the actor's own. */
export interface MejoraCommand {
  actor: StaffUser;
  ip?: string | null;
}

/** 'leer': the entity's staff (responsables, titular, oficiales); 'editar': its responsables; 'avanzar': decided per phase by the use case. */
export type MejoraAccess = 'leer' | 'editar' | 'avanzar';

export interface AccionRow {
  id: string;
  fase: Fase;
  titulo: string;
  analisisCausal: string;
  alternativaSeleccionada: number | null;
  unidadId: string | null;
}

export interface MejoraContext {
  readonly manager: EntityManager;
  readonly entidadId: string;
  readonly now: Date;
  /** The Lima date of `now`. */
  readonly hoy: string;
  /** The action the command names (locked for writes), when it names one. */
  readonly accion: AccionRow;
  readonly audit: (accion: string, detalle: Record<string, unknown>) => Promise<void>;
  /** A read (a download): a row in the log of reads, not the hash chain (it changes nothing). */
  readonly registrarAcceso: (accion: AccionDeAcceso, detalle: Record<string, unknown>) => Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuidMejora(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function accionNotFound(): DomainError {
  return new DomainError('ACCION_MEJORA_NOT_FOUND', 'No existe esa acción de mejora en su entidad.');
}

export function throwIfInvalid(errors: FieldError[]): void {
  if (errors.length > 0) throw new ValidationFailedError(errors);
}

/**
 * Plain role rules, before any query. Coordinators and administrators see aggregates only, never
 * an entity's actions (403); an entity's staff read; its responsables write.
 */
export function entidadDelActor(actor: StaffUser, access: MejoraAccess): string {
  const lee = isResponsableDelLibro(actor.rol) || actor.rol === 'titular_entidad' || actor.rol === 'oficial';
  if (actor.entidadId === null || !lee) {
    throw new DomainError('FORBIDDEN', 'Las acciones de mejora son de cada entidad: solo su personal las consulta.');
  }
  if (access === 'editar' && !isResponsableDelLibro(actor.rol)) {
    throw new DomainError('FORBIDDEN', 'Solo el responsable del libro de reclamaciones registra y modifica las acciones de mejora.');
  }
  return actor.entidadId;
}

const ACCION_COLUMNS = `id, fase, titulo, analisis_causal AS "analisisCausal", alternativa_seleccionada AS "alternativaSeleccionada", unidad_id AS "unidadId"`;

/**
 * The frame of every use case on one action: the entity comes from the actor, the action is read
 * within it (another entity's is "not found", never "forbidden") and locked for any write, so two
 * changes of one action serialize; the change commits with its audit entry or not at all.
 */
@Injectable()
export class AccionMejoraTransaction {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrail,
    private readonly registroDeAcceso: RegistroDeAcceso,
    private readonly clock: Clock,
  ) {}

  /** Actions with no action yet (create, list): `accion` is not read. */
  async runEntidad<T>(command: MejoraCommand, access: MejoraAccess, body: (ctx: Omit<MejoraContext, 'accion'>) => Promise<T>): Promise<T> {
    const entidadId = entidadDelActor(command.actor, access);
    return this.dataSource.transaction('READ COMMITTED', async (manager) => body(this.context(manager, entidadId, command)));
  }

  async run<T>(command: MejoraCommand & { accionId: string }, access: MejoraAccess, body: (ctx: MejoraContext) => Promise<T>): Promise<T> {
    const entidadId = entidadDelActor(command.actor, access);
    if (!isUuidMejora(command.accionId)) throw accionNotFound();
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const lock = access === 'leer' ? '' : ' FOR UPDATE';
      const [accion]: AccionRow[] = await manager.query(`SELECT ${ACCION_COLUMNS} FROM accion_mejora WHERE id = $1 AND entidad_id = $2${lock}`, [
        command.accionId,
        entidadId,
      ]);
      if (!accion) throw accionNotFound();
      return body({ ...this.context(manager, entidadId, command), accion });
    });
  }

  private context(manager: EntityManager, entidadId: string, command: MejoraCommand): Omit<MejoraContext, 'accion'> {
    const now = this.clock.now();
    const audit = (accion: string, detalle: Record<string, unknown>) =>
      this.auditTrail.append(manager, { entidadId, reclamoId: null, actor: command.actor, ip: command.ip ?? null, accion, detalle, ocurridoEn: now });
    const registrarAcceso = (accion: AccionDeAcceso, detalle: Record<string, unknown>) =>
      this.registroDeAcceso.registrar(manager, {
        entidadId,
        reclamoId: null,
        actor: { id: command.actor.id, rol: command.actor.rol },
        ip: command.ip ?? null,
        accion,
        detalle,
        ocurridoEn: now,
      });
    return { manager, entidadId, now, hoy: limaDateOf(now), audit, registrarAcceso };
  }
}
