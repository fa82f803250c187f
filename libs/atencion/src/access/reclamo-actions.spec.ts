import { EstadoReclamo, RolUsuario } from '@app/domain';
import { StaffUser } from '@app/staff';
import { AccionReclamo, accionesDisponibles, ReclamoParaAcciones } from './reclamo-actions';

const user = (rol: RolUsuario): StaffUser => ({ id: 'u1', email: `${rol}@x.gob.pe`, nombre: rol, rol, entidadId: 'e1' });
const reclamo = (estado: EstadoReclamo, extra: Partial<ReclamoParaAcciones> = {}): ReclamoParaAcciones => ({
  estado,
  asignadoA: null,
  estadoRespuesta: null,
  subsanacionVence: null,
  ...extra,
});
const HOY = '2026-11-23';
const on = (acciones: Record<AccionReclamo, boolean>) =>
  Object.entries(acciones)
    .filter(([, v]) => v)
    .map(([k]) => k)
    .sort();

describe('actions offered on a case (lifecycle AND role)', () => {
  it('a responsable on a registered case: assign, reconduct, transfer, annul, note', () => {
    expect(on(accionesDisponibles(user('responsable_titular'), reclamo(EstadoReclamo.REGISTRADO), HOY))).toEqual(
      ['agregarNota', 'anular', 'asignar', 'reconducir', 'trasladar'],
    );
  });

  it('the assigned officer drafts and asks for subsanación, but never approves, annuls or re-assigns', () => {
    const actor = user('oficial');
    const acciones = accionesDisponibles(actor, reclamo(EstadoReclamo.EN_ATENCION, { asignadoA: actor.id, estadoRespuesta: 'pendiente_aprobacion' }), HOY);
    expect(on(acciones)).toEqual(['agregarNota', 'pedirSubsanacion', 'redactarRespuesta']);
  });

  it('an officer the case is not assigned to, and the titular, get nothing', () => {
    expect(on(accionesDisponibles(user('oficial'), reclamo(EstadoReclamo.EN_ATENCION, { asignadoA: 'otro' }), HOY))).toEqual([]);
    expect(on(accionesDisponibles(user('titular_entidad'), reclamo(EstadoReclamo.REGISTRADO), HOY))).toEqual([]);
  });

  it('approval and send-back only with a draft waiting; respondido only once approved', () => {
    const r = user('responsable_alterno');
    expect(on(accionesDisponibles(r, reclamo(EstadoReclamo.EN_ATENCION, { estadoRespuesta: 'pendiente_aprobacion' }), HOY))).toEqual(
      expect.arrayContaining(['aprobarRespuesta', 'devolverRespuesta']),
    );
    const aprobada = accionesDisponibles(r, reclamo(EstadoReclamo.EN_ATENCION, { estadoRespuesta: 'aprobada' }), HOY);
    expect([aprobada.aprobarRespuesta, aprobada.marcarRespondido]).toEqual([false, true]);
  });

  it('observado: archive only after the subsanación window; the received subsanación any time', () => {
    const r = user('responsable_titular');
    const open = accionesDisponibles(r, reclamo(EstadoReclamo.OBSERVADO, { subsanacionVence: HOY }), HOY);
    expect([open.archivar, open.registrarSubsanacion, open.asignar]).toEqual([false, true, true]);
    expect(accionesDisponibles(r, reclamo(EstadoReclamo.OBSERVADO, { subsanacionVence: '2026-11-20' }), HOY).archivar).toBe(true);
  });

  it('closed cases only take notes', () => {
    for (const estado of [EstadoReclamo.ARCHIVADO, EstadoReclamo.ANULADO, EstadoReclamo.TRASLADADO, EstadoReclamo.RECONDUCIDO]) {
      expect(on(accionesDisponibles(user('responsable_titular'), reclamo(estado), HOY))).toEqual(['agregarNota']);
    }
    expect(on(accionesDisponibles(user('responsable_titular'), reclamo(EstadoReclamo.RESPONDIDO), HOY))).toEqual(['agregarNota', 'notificar']);
    expect(on(accionesDisponibles(user('responsable_titular'), reclamo(EstadoReclamo.NOTIFICACION_EN_CURSO), HOY))).toEqual(['agregarNota']);
    expect(on(accionesDisponibles(user('responsable_titular'), reclamo(EstadoReclamo.NOTIFICACION_FALLIDA), HOY))).toEqual(['agregarNota', 'notificar']);
    expect(on(accionesDisponibles(user('responsable_titular'), reclamo(EstadoReclamo.NOTIFICADO), HOY))).toEqual(['agregarNota', 'archivar']);
  });
});
