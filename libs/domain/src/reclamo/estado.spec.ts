import { DomainError } from '../errors/domain-error';
import { allowedMoves, assertTransition, canTransition, EstadoReclamo } from './estado';

describe('lifecycle of a reclamo', () => {
  const all = Object.values(EstadoReclamo);

  it.each([
    [EstadoReclamo.REGISTRADO, EstadoReclamo.EN_ATENCION],
    [EstadoReclamo.REGISTRADO, EstadoReclamo.RECONDUCIDO],
    [EstadoReclamo.REGISTRADO, EstadoReclamo.TRASLADADO],
    [EstadoReclamo.REGISTRADO, EstadoReclamo.ANULADO],
    [EstadoReclamo.EN_ATENCION, EstadoReclamo.RESPONDIDO],
    [EstadoReclamo.EN_ATENCION, EstadoReclamo.OBSERVADO],
    [EstadoReclamo.OBSERVADO, EstadoReclamo.EN_ATENCION],
    [EstadoReclamo.OBSERVADO, EstadoReclamo.ARCHIVADO],
    [EstadoReclamo.RESPONDIDO, EstadoReclamo.NOTIFICADO],
    [EstadoReclamo.RESPONDIDO, EstadoReclamo.NOTIFICACION_EN_CURSO],
    [EstadoReclamo.NOTIFICACION_EN_CURSO, EstadoReclamo.NOTIFICADO],
    [EstadoReclamo.NOTIFICACION_EN_CURSO, EstadoReclamo.NOTIFICACION_FALLIDA],
    [EstadoReclamo.NOTIFICACION_FALLIDA, EstadoReclamo.NOTIFICADO],
    [EstadoReclamo.NOTIFICADO, EstadoReclamo.ARCHIVADO],
  ])('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it('allows exactly fourteen moves: the domain diagram\'s ten and the four of the e-mail notification', () => {
    const moves = all.flatMap((from) => allowedMoves(from).map((to) => `${from}>${to}`));
    expect(moves).toHaveLength(14);
  });

  it('refuses a skipped stage with a coded, Spanish error', () => {
    expect(canTransition(EstadoReclamo.REGISTRADO, EstadoReclamo.NOTIFICADO)).toBe(false);
    expect(() => assertTransition(EstadoReclamo.REGISTRADO, EstadoReclamo.NOTIFICADO)).toThrow(DomainError);
    try {
      assertTransition(EstadoReclamo.REGISTRADO, EstadoReclamo.NOTIFICADO);
    } catch (error) {
      expect((error as DomainError).code).toBe('INVALID_TRANSITION');
      expect((error as DomainError).message).toContain('Registrado');
    }
  });

  it.each([EstadoReclamo.ARCHIVADO, EstadoReclamo.RECONDUCIDO, EstadoReclamo.TRASLADADO, EstadoReclamo.ANULADO])(
    '%s is final',
    (estado) => {
      expect(allowedMoves(estado)).toHaveLength(0);
    },
  );
});
