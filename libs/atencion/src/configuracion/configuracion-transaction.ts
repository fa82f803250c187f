import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { DomainError, FieldError, ValidationFailedError } from '@app/domain';
import { Clock } from '@app/platform/clock';
import { StaffUser } from '@app/staff';
import { isResponsable, isUuid } from '../access/reclamo-access';
import { AuditTrail } from '@app/expediente';

/**
 * Every configuration action: who acts, from where, and (administrators only) for which entity.
 * Responsables always act on their own entity; naming another one is "not found".
 */
export interface ConfiguracionCommand {
  actor: StaffUser;
  /** Required for administrators; for anyone else, absent or their own entity. */
  entidadId?: string | null;
  ip?: string | null;
}

/** 'leer': the entity's staff (to fill forms); 'configurar': responsables of the entity and administrators. */
export type ConfiguracionAccess = 'leer' | 'configurar';

export interface ConfiguracionContext {
  readonly manager: EntityManager;
  readonly entidadId: string;
  readonly now: Date;
  /** An audit entry in the entity's hash chain, in this transaction. */
  readonly audit: (accion: string, detalle: Record<string, unknown>) => Promise<void>;
}

export function configuracionNotFound(): DomainError {
  return new DomainError('CONFIGURACION_NOT_FOUND', 'No existe ese elemento en la configuración de su entidad.');
}

function entidadNotFound(): DomainError {
  return new DomainError('ENTIDAD_NOT_FOUND', 'No existe esa entidad.');
}

/** The entity the command acts on, or why it may not act at all. Plain rules, checked before any query. */
export function entidadDeComando(command: ConfiguracionCommand, access: ConfiguracionAccess): string {
  const { actor } = command;
  if (actor.rol === 'administrador') {
    if (!command.entidadId) throw new ValidationFailedError([{ campo: 'entidad', mensaje: 'indique la entidad que desea configurar' }]);
    if (!isUuid(command.entidadId)) throw entidadNotFound();
    return command.entidadId;
  }
  const propia = actor.entidadId;
  const mayRead = isResponsable(actor.rol) || actor.rol === 'oficial' || actor.rol === 'titular_entidad';
  if (propia === null || !(access === 'leer' ? mayRead : isResponsable(actor.rol))) {
    throw new DomainError('FORBIDDEN', 'Solo el responsable del libro de reclamaciones (o un administrador) puede configurar la entidad.');
  }
  if (command.entidadId && command.entidadId !== propia) throw entidadNotFound();
  return propia;
}

/** Postgres' unique violation on one of our named constraints, as a 409 naming the field. */
export function conflictOnUnique(error: unknown, campo: string, mensaje: string): never {
  if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
    throw new DomainError('CONFLICT', 'Ya existe un elemento con esos datos en su entidad.', [{ campo, mensaje }]);
  }
  throw error;
}

export function throwIfInvalid(errors: FieldError[]): void {
  if (errors.length > 0) throw new ValidationFailedError(errors);
}

/**
 * The frame of every configuration use case: the entity is resolved from the actor (another
 * entity is "not found", never "forbidden"), the entity row is locked for writes so two changes
 * of one entity's settings serialize, and the change commits with its audit entry or not at all.
 */
@Injectable()
export class ConfiguracionTransaction {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async run<T>(command: ConfiguracionCommand, access: ConfiguracionAccess, body: (ctx: ConfiguracionContext) => Promise<T>): Promise<T> {
    const entidadId = entidadDeComando(command, access);
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const lock = access === 'configurar' ? ' FOR UPDATE' : '';
      const found: unknown[] = await manager.query(`SELECT 1 FROM entidad WHERE id = $1${lock}`, [entidadId]);
      if (found.length === 0) throw entidadNotFound();
      const now = this.clock.now();
      const audit = (accion: string, detalle: Record<string, unknown>) =>
        this.auditTrail.append(manager, {
          entidadId,
          reclamoId: null,
          actor: command.actor,
          ip: command.ip ?? null,
          accion,
          detalle,
          ocurridoEn: now,
        });
      return body({ manager, entidadId, now, audit });
    });
  }
}
