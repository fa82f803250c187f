import { canTransition, EstadoReclamo } from '@app/domain';
import { StaffUser } from '@app/staff';
import { EstadoRespuesta } from '../respuesta/respuesta';
import { CaseAccess, caseAccessRefusal } from './reclamo-access';

/** Every staff action on one case; each has its use case (the pages offer a form per action). */
export type AccionCaso =
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

/** What deciding needs to know about the case: no personal data. */
export interface CasoParaAcciones {
  estado: EstadoReclamo;
  asignadoA: string | null;
  estadoRespuesta: EstadoRespuesta | null;
  subsanacionVence: string | null;
}

interface Regla {
  access: CaseAccess;
  /** The same precondition the use case checks, read from the lifecycle; `hoy` is the Lima date. */
  permite: (caso: CasoParaAcciones, hoy: string) => boolean;
}

const puedeResponder = (c: CasoParaAcciones) => canTransition(c.estado, EstadoReclamo.RESPONDIDO);

const REGLAS: Readonly<Record<AccionCaso, Regla>> = {
  // A registered case moves to en_atencion; one in atención (or observado) is re-assigned without a move.
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
  notificar: { access: 'gestionar', permite: (c) => canTransition(c.estado, EstadoReclamo.NOTIFICADO) },
  // Observado → archivado («no subsanado») only once the citizen's window has passed.
  archivar: {
    access: 'gestionar',
    permite: (c, hoy) =>
      canTransition(c.estado, EstadoReclamo.ARCHIVADO) &&
      (c.estado !== EstadoReclamo.OBSERVADO || c.subsanacionVence === null || hoy > c.subsanacionVence),
  },
  agregarNota: { access: 'gestionar', permite: () => true },
};

export const ACCIONES_CASO = Object.keys(REGLAS) as AccionCaso[];

/**
 * The actions this person may take on this case now: the lifecycle allows the move from the
 * current state AND the role reaches it. A view helper only: every use case checks again.
 */
export function accionesDisponibles(actor: StaffUser, caso: CasoParaAcciones, hoy: string): Record<AccionCaso, boolean> {
  const result = {} as Record<AccionCaso, boolean>;
  for (const accion of ACCIONES_CASO) {
    const regla = REGLAS[accion];
    result[accion] = caseAccessRefusal(actor, caso, regla.access) === null && regla.permite(caso, hoy);
  }
  return result;
}
