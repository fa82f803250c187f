import { fechaEnPalabras, leerFechaEnPartes } from './fecha-en-partes';
import { VENTANAS_DE_FECHA } from './ventana-fecha';

const HOY = '2026-11-23';
const leer = (dia: string, mes: string, anio: string) => leerFechaEnPartes({ dia, mes, anio }, VENTANAS_DE_FECHA.hechos, HOY);

describe('leerFechaEnPartes (the date of the facts in three boxes)', () => {
  it('reads día, mes and año as typed, leading zeros and spaces included', () => {
    expect(leer('16', '11', '2026')).toEqual({ fecha: '2026-11-16' });
    expect(leer(' 07', '04 ', '2026')).toEqual({ fecha: '2026-04-07' });
    expect(leer('23', '11', '2026')).toEqual({ fecha: HOY });
  });

  it('names the missing part, or parts', () => {
    expect(leer('16', '', '2026')).toEqual({ error: 'Falta el mes de la fecha', parte: 'mes' });
    expect(leer('', '', '2026')).toEqual({ error: 'Faltan el día y el mes de la fecha', parte: 'dia' });
    expect(leer('', '', '')).toMatchObject({ parte: 'dia', error: expect.stringContaining('día, mes y año') });
  });

  it('says which day does not exist', () => {
    expect(leer('31', '4', '2026')).toEqual({ error: 'El 31 de abril no existe: revise el día', parte: 'dia' });
    expect(leer('29', '2', '2025')).toEqual({ error: 'El 29 de febrero de 2025 no existe (no es año bisiesto): revise el día', parte: 'dia' });
    expect(leer('29', '2', '2024')).toMatchObject({ error: expect.stringContaining('más antigua posible') });
  });

  it('asks for numbers in their range, and a four-digit year', () => {
    expect(leer('16', 'noviembre', '2026')).toMatchObject({ parte: 'mes', error: expect.stringContaining('con números') });
    expect(leer('16', '13', '2026')).toMatchObject({ parte: 'mes', error: expect.stringContaining('del 1 al 12') });
    expect(leer('32', '1', '2026')).toMatchObject({ parte: 'dia', error: expect.stringContaining('del 1 al 31') });
    expect(leer('16', '11', '26')).toMatchObject({ parte: 'anio', error: expect.stringContaining('cuatro cifras') });
  });

  it('refuses a date after today in Lima, and one before the window, saying the limit in words', () => {
    expect(leer('24', '11', '2026')).toMatchObject({ parte: 'anio', error: expect.stringContaining('posterior a hoy, 23 de noviembre de 2026') });
    expect(leer('23', '11', '2024')).toEqual({ fecha: '2024-11-23' });
    expect(leer('22', '11', '2024')).toMatchObject({
      parte: 'anio',
      error: 'Revise el año: los hechos deben ser de los últimos dos años; la fecha más antigua posible es el 23 de noviembre de 2024',
    });
  });

  it('writes a date in words', () => {
    expect(fechaEnPalabras('2026-01-02')).toBe('2 de enero de 2026');
  });
});
