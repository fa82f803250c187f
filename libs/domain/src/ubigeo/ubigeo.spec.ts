import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { departamentos, distritos, isValidUbigeo, provincias, ubigeoLabel, ubigeoNombres } from './ubigeo';
import ubigeoFile from './ubigeo-inei.json';

const allProvincias = departamentos().flatMap((d) => provincias(d.code));
const allDistritos = allProvincias.flatMap((p) => distritos(p.code));

describe('ubigeo (INEI)', () => {
  // INEI's Directorio Nacional de Municipalidades 2025: 196 provincial and 1,891 distrito municipalities.
  it('has 25 first-level units (24 departamentos and Callao), 196 provincias and 1,891 distritos', () => {
    expect(departamentos()).toHaveLength(25);
    expect(allProvincias).toHaveLength(196);
    expect(allDistritos).toHaveLength(1891);
    expect(ubigeoFile.ubigeos).toHaveLength(25 + 196 + 1891);
  });

  it('lists every code once and reaches every distrito through its provincia', () => {
    const codes = ubigeoFile.ubigeos.map(([code]) => code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const distrito of allDistritos) {
      expect(distrito.code).toMatch(/^\d{6}$/);
      expect(isValidUbigeo(distrito.code)).toBe(true);
    }
  });

  it.each([
    ['150101', 'Lima / Lima / Lima'],
    ['150122', 'Lima / Lima / Miraflores'],
    ['070101', 'Callao / Callao / Callao'],
    ['080101', 'Cusco / Cusco / Cusco'],
    ['040101', 'Arequipa / Arequipa / Arequipa'],
    ['130101', 'La Libertad / Trujillo / Trujillo'],
    ['250101', 'Ucayali / Coronel Portillo / Calleria'],
    ['040110', 'Arequipa / Arequipa / Miraflores'],
    ['151021', 'Lima / Yauyos / Miraflores'],
    ['150135', 'Lima / Lima / San Martín de Porres'],
    ['020101', 'Áncash / Huaraz / Huaraz'],
    ['030101', 'Apurímac / Abancay / Abancay'],
    ['100101', 'Huánuco / Huánuco / Huánuco'],
    ['120101', 'Junín / Huancayo / Huancayo'],
    ['040129', 'Arequipa / Arequipa / José Luis Bustamante y Rivero'],
    ['150113', 'Lima / Lima / Jesús María'],
    ['150128', 'Lima / Lima / Rímac'],
    ['070103', 'Callao / Callao / Carmen de La Legua Reynoso'],
    ['110301', 'Ica / Nasca / Nasca'],
    ['200115', 'Piura / Piura / Veintiséis de Octubre'],
    ['021303', 'Áncash / Mariscal Luzuriaga / Eleazar Guzmán Barrón'],
    ['120807', 'Junín / Yauli / Santa Bárbara de Carhuacayán'],
  ])('knows %s: %s', (code, label) => {
    expect(isValidUbigeo(code)).toBe(true);
    expect(ubigeoLabel(code)).toBe(label);
  });

  it('labels provincias and departamentos by their short codes', () => {
    expect(ubigeoLabel('1501')).toBe('Lima / Lima');
    expect(ubigeoLabel('15')).toBe('Lima');
  });

  it.each(['', '15', '1501', '150100', '150000', '150199', '999999', '15012', '1501220', '15012a', ' 150122'])(
    'rejects "%s" as a distrito',
    (code) => {
      expect(isValidUbigeo(code)).toBe(false);
    },
  );

  it('has no label for an unknown code', () => {
    expect(ubigeoLabel('150199')).toBeUndefined();
    expect(ubigeoLabel('99')).toBeUndefined();
    expect(ubigeoLabel('')).toBeUndefined();
  });

  it('uses INEI numbering, not RENIEC (Lima is 15, Callao 07)', () => {
    expect(departamentos().find((d) => d.name === 'Lima')?.code).toBe('15');
    expect(departamentos().find((d) => d.name === 'Callao')?.code).toBe('07');
  });

  it('lists children in code order and only for codes of the right length', () => {
    expect(departamentos()[0]).toEqual({ code: '01', name: 'Amazonas' });
    expect(departamentos()[24]).toEqual({ code: '25', name: 'Ucayali' });
    expect(provincias('15').map((p) => p.name)).toEqual([
      'Lima', 'Barranca', 'Cajatambo', 'Canta', 'Cañete', 'Huaral', 'Huarochirí', 'Huaura', 'Oyón', 'Yauyos',
    ]);
    expect(distritos('1501')).toHaveLength(43);
    expect(distritos('0701').map((d) => d.name)).toContain('Mi Perú');
    expect(provincias('1501')).toEqual([]);
    expect(distritos('15')).toEqual([]);
    expect(provincias('99')).toEqual([]);
  });

  it('returns lists the caller cannot change', () => {
    expect(Object.isFrozen(departamentos())).toBe(true);
    expect(Object.isFrozen(distritos('1501'))).toBe(true);
    expect(Object.isFrozen(distritos('1501')[0])).toBe(true);
  });

  it('carries the fixes made to the package data', () => {
    expect(ubigeoLabel('0102')).toBe('Amazonas / Bagua'); // filed as departamento 01 in the package
    expect(ubigeoLabel('1608')).toBe('Loreto / Putumayo'); // "Maynas" twice in the package
    expect(ubigeoLabel('2202')).toBe('San Martín / Bellavista'); // "San Martín" twice in the package
    expect(ubigeoLabel('130112')).toBe('La Libertad / Trujillo / Alto Trujillo'); // created after the package
    expect(ubigeoLabel('080918')).toBe('Cusco / La Convención / Unión Asháninka');
  });

  it('writes the names INEI changed or the package truncated as INEI does now', () => {
    expect(ubigeoLabel('0207')).toBe('Áncash / Carlos Fermín Fitzcarrald');
    expect(ubigeoLabel('2402')).toBe('Tumbes / Contralmirante Villar');
    expect(ubigeoLabel('020109')).toBe('Áncash / Huaraz / Pampas Grande');
    expect(ubigeoLabel('131103')).toBe('La Libertad / Gran Chimú / Marmot');
    expect(ubigeoLabel('151003')).toBe('Lima / Yauyos / Allauca');
  });

  it('has 100 distrito names that repeat, told apart only by their provincia', () => {
    const miraflores = allDistritos.filter((d) => d.name === 'Miraflores').map((d) => ubigeoLabel(d.code));
    expect(miraflores).toEqual(
      expect.arrayContaining(['Lima / Lima / Miraflores', 'Arequipa / Arequipa / Miraflores']),
    );
    const repeated = new Set(allDistritos.map((d) => d.name).filter((name, i, all) => all.indexOf(name) !== i));
    expect(repeated.size).toBe(100);
  });

  it('gives a distrito\'s three names apart, and nothing for a provincia or an unknown code', () => {
    expect(ubigeoNombres('150122')).toEqual({ departamento: 'Lima', provincia: 'Lima', distrito: 'Miraflores' });
    expect(ubigeoNombres('040110')).toEqual({ departamento: 'Arequipa', provincia: 'Arequipa', distrito: 'Miraflores' });
    expect(ubigeoNombres('1501')).toBeUndefined();
    expect(ubigeoNombres('150199')).toBeUndefined();
  });

  it('keeps every distrito code it ever accepted, so cases already filed stay valid', () => {
    const aceptados = readFileSync(join(__dirname, 'distritos-aceptados-2026-11.txt'), 'utf8')
      .split('\n')
      .filter((line) => /^\d{6}$/.test(line));
    expect(aceptados).toHaveLength(1891);
    expect(aceptados.filter((code) => !isValidUbigeo(code))).toEqual([]);
  });

  it('keeps its source and the date its names were checked beside the data', () => {
    expect(ubigeoFile.source).toContain('Directorio Nacional de Gobiernos Regionales, Municipalidades Provinciales, Distritales');
    expect(ubigeoFile.source).toMatch(/names checked \d{4}-\d{2}-\d{2}/);
  });

  it('stores every name in NFC', () => {
    for (const [, name] of ubigeoFile.ubigeos) expect(name).toBe(name?.normalize('NFC'));
  });
});
