import { canTransition, EstadoReclamo } from '@app/domain';
import { StaffUser } from '@app/staff';
import { EstadoRespuesta } from '../respuesta/respuesta';
import { ReclamoAccess, reclamoAccessRefusal } from './reclamo-access';

/** Every staff action on one reclamo; each has its use case (the pages offer a form per action). */
export type AccionReclamo =
  | 'asignar'
  | 'pedirSubsanacion'
  | 'registrarSubsanacion'
  | 'reconducir'
  | 'trasladar'
  | 'redactarRespuesta'
  | 'aprobarRespuesta'
  | 'devolverRespuesta'
  | 'marcarRespondido'
  | 'notificar'
  | 'archivar'
  | 'anular'
  | 'agregarNota';

/** What deciding needs to know about the reclamo: no personal data. */
export interface ReclamoParaAcciones {
  estado: EstadoReclamo;
  asignadoA: string | null;
  estadoRespuesta: EstadoRespuesta | null;
  subsanacionVence: string | null;
}

interface Regla {
  access: ReclamoAccess;
  /** The same precondition the use case checks, read from the lifecycle; `hoy` is the Lima date. */
  permite: (reclamo: ReclamoParaAcciones, hoy: string) => boolean;
}

const puedeResponder = (c: ReclamoParaAcciones) => canTransition(c.estado, EstadoReclamo.RESPONDIDO);

const REGLAS: Readonly<Record<AccionReclamo, Regla>> = {
  // A registered reclamo moves to en_atencion; one in atención (or observado) is re-assigned without a move.
  asignar: {
    access: 'responsable',
    permite: (c) =>
      c.estado === EstadoReclamo.REGISTRADO
        ? canTransition(c.estado, EstadoReclamo.EN_ATENCION)
        : c.estado === EstadoReclamo.EN_ATENCION || c.estado === EstadoReclamo.OBSERVADO,
  },
  pedirSubsanacion: { access: 'gestionar', permite: (c) => canTransition(c.estado, EstadoReclamo.OBSERVADO) },
  registrarSubsanacion: {
    access: 'gestionar',
    permite: (c) => c.estado === EstadoReclamo.OBSERVADO && canTransition(c.estado, EstadoReclamo.EN_ATENCION),
  },
  reconducir: { access: 'responsable', permite: (c) => canTransition(c.estado, EstadoReclamo.RECONDUCIDO) },
  trasladar: { access: 'responsable', permite: (c) => canTransition(c.estado, EstadoReclamo.TRASLADADO) },
  anular: { access: 'responsable', permite: (c) => canTransition(c.estado, EstadoReclamo.ANULADO) },
  redactarRespuesta: { access: 'gestionar', permite: puedeResponder },
  aprobarRespuesta: { access: 'responsable', permite: (c) => puedeResponder(c) && c.estadoRespuesta === 'pendiente_aprobacion' },
  devolverRespuesta: { access: 'responsable', permite: (c) => puedeResponder(c) && c.estadoRespuesta === 'pendiente_aprobacion' },
  marcarRespondido: { access: 'gestionar', permite: (c) => puedeResponder(c) && c.estadoRespuesta === 'aprobada' },
  // From «respondido» (by e-mail, or by other means without consent) and after a failed e-mail; never
  // while an e-mail is on its way (its acceptance or failure decides).
  notificar: {
    access: 'gestionar',
    permite: (c) => c.estado === EstadoReclamo.RESPONDIDO || c.estado === EstadoReclamo.NOTIFICACION_FALLIDA,
  },
  // Observado → archivado («no subsanado») only once the citizen's window has passed.
  archivar: {
    access: 'gestionar',
    permite: (c, hoy) =>
      canTransition(c.estado, EstadoReclamo.ARCHIVADO) &&
      (c.estado !== EstadoReclamo.OBSERVADO || c.subsanacionVence === null || hoy > c.subsanacionVence),
  },
  agregarNota: { access: 'gestionar', permite: () => true },
};

export const ACCIONES_RECLAMO = Object.keys(REGLAS) as AccionReclamo[];

/**
 * The actions this person may take on this reclamo now: the lifecycle allows the move from the
 * current state AND the role reaches it. A view helper only: every use case checks again.
 */
export function accionesDisponibles(actor: StaffUser, reclamo: ReclamoParaAcciones, hoy: string): Record<AccionReclamo, boolean> {
  const result = {} as Record<AccionReclamo, boolean>;
  for (const accion of ACCIONES_RECLAMO) {
    const regla = REGLAS[accion];
    result[accion] = reclamoAccessRefusal(actor, reclamo, regla.access) === null && regla.permite(reclamo, hoy);
  }
  return result;
}
