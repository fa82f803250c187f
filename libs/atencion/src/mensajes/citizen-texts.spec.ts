import { CanalReconduccion } from '../acciones/reconducir-reclamo.usecase';
import { dondeResponderSubsanacion, medidasDe } from '@app/domain';
import { CANALES_RECONDUCCION, canalReconduccion } from './citizen-texts';

describe('citizen texts', () => {
  it('every reconducción channel has a name and a contact naming the entity where it is its own office', () => {
    for (const canal of Object.values(CanalReconduccion)) {
      const info = CANALES_RECONDUCCION[canal];
      expect(info.nombre.length).toBeGreaterThan(10);
      expect(info.contacto('Municipalidad de Miraflores').length).toBeGreaterThan(20);
    }
    expect(canalReconduccion('mesa_de_partes')?.contacto('Municipalidad de Miraflores')).toContain('mesa de partes de Municipalidad de Miraflores');
    expect(canalReconduccion('denuncia')?.url).toBe('https://denuncias.servicios.gob.pe/');
    expect(canalReconduccion('acceso_informacion')?.nombre).toContain('Ley 27806');
    expect(canalReconduccion('otro')).toBeNull();
  });

  it('subsanación: the mesa de partes, and the sede of the case when there is one', () => {
    expect(dondeResponderSubsanacion('SUNARP', null)).toBe('Hágala llegar a SUNARP por su mesa de partes (presencial o virtual).');
    expect(dondeResponderSubsanacion('SUNARP', { nombre: 'Sede Central', direccion: 'Av. Primavera 1878' })).toBe(
      'Hágala llegar a SUNARP por su mesa de partes (presencial o virtual) o en la sede Sede Central (Av. Primavera 1878).',
    );
    expect(dondeResponderSubsanacion('SUNARP', { nombre: 'Sede Central', direccion: ' ' })).toMatch(/en la sede Sede Central\.$/);
  });

  it('measures: one item per line, list marks removed, blank lines dropped; a single paragraph stays one item', () => {
    expect(medidasDe('- Turnos con hora fija\n\n• Aviso por SMS\n2) Más personal')).toEqual(['Turnos con hora fija', 'Aviso por SMS', 'Más personal']);
    expect(medidasDe('Se capacitó al personal de la ventanilla.')).toEqual(['Se capacitó al personal de la ventanilla.']);
    expect(medidasDe('-5 minutos de espera')).toEqual(['-5 minutos de espera']);
  });
});
