import { StaffUser } from '@app/staff';

/** Every action on one reclamo: who acts, for which entity (the tenant scope every query uses) and from where. */
export interface ReclamoCommand {
  actor: StaffUser;
  /** The actor's entity; required so that no query of a use case runs unscoped. */
  entidadId: string;
  reclamoId: string;
  /** Client IP, kept in the audit trail. */
  ip?: string | null;
}

/** Actions not about one existing reclamo (the inbox, a physical sheet) carry the same scope. */
export interface EntidadCommand {
  actor: StaffUser;
  entidadId: string;
  ip?: string | null;
}
