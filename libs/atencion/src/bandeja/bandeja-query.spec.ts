import { ordenEfectivo } from './bandeja-query';
import { ordenSql } from './list-bandeja.usecase';

describe('the bandeja sort', () => {
  it('defaults to the due date ascending; the earlier -vence / -registro read as descending', () => {
    expect(ordenEfectivo(undefined, undefined)).toEqual({ orden: 'vence', dir: 'asc' });
    expect(ordenEfectivo('codigo', undefined)).toEqual({ orden: 'codigo', dir: 'asc' });
    expect(ordenEfectivo('-vence', undefined)).toEqual({ orden: 'vence', dir: 'desc' });
    expect(ordenEfectivo('-registro', undefined)).toEqual({ orden: 'registro', dir: 'desc' });
    expect(ordenEfectivo('estado', 'desc')).toEqual({ orden: 'estado', dir: 'desc' });
  });

  it('ends every sort with the unique code, in the chosen direction', () => {
    for (const orden of ['codigo', 'registro', 'vence', 'estado', 'asignado'] as const) {
      expect(ordenSql(orden, 'asc')).toMatch(/r\.codigo ASC$/);
      expect(ordenSql(orden, 'desc')).toMatch(/r\.codigo DESC$/);
      expect(ordenSql(orden, 'desc')).not.toContain('ASC');
    }
    // Unassigned last whichever the direction.
    expect(ordenSql('asignado', 'asc')).toContain('a.nombre ASC NULLS LAST');
    expect(ordenSql('asignado', 'desc')).toContain('a.nombre DESC NULLS LAST');
  });
});
