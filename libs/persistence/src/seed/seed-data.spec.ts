import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODIGO_ENTIDAD_PATTERN, NivelGobierno, TipoEntidad } from '@app/domain';
import { checkRuc } from '@app/domain/documents';
import { isValidUbigeo } from '@app/domain/ubigeo';
import { catalogoId, deterministicUuid } from './deterministic-uuid';
import { DEMO_PASSWORD, ENTIDADES, TRAMOS, USUARIOS_DEMO } from './seed-data';

const codigos = ENTIDADES.map((e) => e.codigo);
const byCodigo = new Map(ENTIDADES.map((e) => [e.codigo, e]));

describe('seed data', () => {
  describe('tramos', () => {
    it('are the five tramos, ids 1 to 5, in order and within January 2021 – December 2023', () => {
      expect(TRAMOS.map((t) => t.id)).toEqual([1, 2, 3, 4, 5]);
      for (const [i, t] of TRAMOS.entries()) {
        expect(t.fechaInicio <= t.fechaLimite).toBe(true);
        expect(t.fechaInicio >= '2021-01-01').toBe(true);
        expect(t.fechaLimite <= '2023-12-31').toBe(true);
        if (i > 0) expect(t.fechaInicio > TRAMOS[i - 1].fechaLimite).toBe(true);
        expect(t.tiposEntidad.length).toBeGreaterThan(0);
      }
    });

    it('keep tramo I as the SGP tells it', () => {
      const [first] = TRAMOS;
      expect(first).toMatchObject({ fechaInicio: '2021-01-18', fechaLimite: '2021-07-31' });
      expect([...first.tiposEntidad].sort()).toEqual(
        [TipoEntidad.MINISTERIO, TipoEntidad.ORGANISMO_PUBLICO, TipoEntidad.FFAA_POLICIA].sort(),
      );
    });

    it('say that the composition of tramos II to V is editable data', () => {
      for (const t of TRAMOS.slice(1)) expect(t.descripcion).toMatch(/editable/);
    });

    it('give every kind of entity to exactly one tramo', () => {
      const kinds = TRAMOS.flatMap((t) => t.tiposEntidad);
      expect(new Set(kinds).size).toBe(kinds.length);
      expect([...kinds].sort()).toEqual(Object.values(TipoEntidad).sort());
    });
  });

  describe('entidades', () => {
    it('are at least 30', () => {
      expect(ENTIDADES.length).toBeGreaterThanOrEqual(30);
    });

    it('have unique short codes made of 2 to 20 uppercase letters or digits', () => {
      expect(new Set(codigos).size).toBe(codigos.length);
      for (const codigo of codigos) expect(codigo).toMatch(CODIGO_ENTIDAD_PATTERN);
      expect(CODIGO_ENTIDAD_PATTERN.source).toBe('^[A-Z0-9]{2,20}$');
    });

    it.each(ENTIDADES.map((e) => [e.codigo, e.ruc]))('%s has a valid RUC (%s)', (_codigo, ruc) => {
      expect(checkRuc(ruc)).toMatchObject({ ok: true });
      expect(ruc.startsWith('20')).toBe(true);
    });

    it('have unique RUCs', () => {
      const rucs = ENTIDADES.map((e) => e.ruc);
      expect(new Set(rucs).size).toBe(rucs.length);
    });

    it('have a valid INEI ubigeo for the seat and for every sede', () => {
      const bad = ENTIDADES.flatMap((e) => [
        ...(isValidUbigeo(e.ubigeo) ? [] : [`${e.codigo}: ${e.ubigeo}`]),
        ...e.sedes.filter((s) => !isValidUbigeo(s.ubigeo)).map((s) => `${e.codigo} / ${s.nombre}: ${s.ubigeo}`),
      ]);
      expect(bad).toEqual([]);
    });

    it('spread over all five tramos, each in a tramo that covers its kind', () => {
      expect(new Set(ENTIDADES.map((e) => e.tramoId))).toEqual(new Set([1, 2, 3, 4, 5]));
      for (const e of ENTIDADES) {
        const tramo = TRAMOS.find((t) => t.id === e.tramoId);
        expect(tramo?.tiposEntidad).toContain(e.tipo);
      }
    });

    it('have a level of government that matches their kind, and a sector', () => {
      const expected: Partial<Record<TipoEntidad, NivelGobierno>> = {
        [TipoEntidad.GOBIERNO_REGIONAL]: NivelGobierno.REGIONAL,
        [TipoEntidad.MUNICIPALIDAD_PROVINCIAL]: NivelGobierno.LOCAL,
        [TipoEntidad.MUNICIPALIDAD_DISTRITAL]: NivelGobierno.LOCAL,
        [TipoEntidad.MINISTERIO]: NivelGobierno.NACIONAL,
        [TipoEntidad.ORGANISMO_PUBLICO]: NivelGobierno.NACIONAL,
        [TipoEntidad.FFAA_POLICIA]: NivelGobierno.NACIONAL,
      };
      for (const e of ENTIDADES) {
        expect(Object.values(NivelGobierno)).toContain(e.nivelGobierno);
        if (expected[e.tipo]) expect([e.codigo, e.nivelGobierno]).toEqual([e.codigo, expected[e.tipo]]);
        expect(e.sector.trim()).not.toBe('');
        expect(e.nombre.trim().length).toBeGreaterThan(5);
      }
    });

    it.each(ENTIDADES.map((e) => [e.codigo, e]))('%s has 2–4 sedes, 3–6 unidades and 3–6 servicios, without repeats', (_c, e) => {
      expect(e.sedes.length).toBeGreaterThanOrEqual(2);
      expect(e.sedes.length).toBeLessThanOrEqual(4);
      expect(e.unidades.length).toBeGreaterThanOrEqual(3);
      expect(e.unidades.length).toBeLessThanOrEqual(6);
      expect(e.servicios.length).toBeGreaterThanOrEqual(3);
      expect(e.servicios.length).toBeLessThanOrEqual(6);
      for (const names of [e.sedes.map((s) => s.nombre), e.unidades, e.servicios]) {
        expect(new Set(names).size).toBe(names.length);
        for (const name of names) expect(name.trim()).toBe(name);
      }
      for (const s of e.sedes) expect(s.direccion.trim().length).toBeGreaterThan(5);
    });

    it('include the entities the demo and the fixtures rely on', () => {
      for (const codigo of ['MINEDU', 'MML', 'SUNAT', 'RENIEC', 'PNP', 'EP', 'UNMSM', 'SEDAPAL', 'BN']) {
        expect(byCodigo.has(codigo)).toBe(true);
      }
      expect(byCodigo.get('RENIEC')?.servicios).toContain('Emisión de DNI');
    });
  });

  describe('demo accounts', () => {
    it('share one demo password', () => {
      expect(DEMO_PASSWORD).toBe('Reclamos2026!');
    });

    it('have unique lower-case e-mails under demo.gob.pe', () => {
      const emails = USUARIOS_DEMO.map((u) => u.email);
      expect(new Set(emails).size).toBe(emails.length);
      for (const email of emails) {
        expect(email).toBe(email.toLowerCase());
        expect(email).toMatch(/^[a-z0-9.]+@[a-z0-9]+\.demo\.gob\.pe$/);
      }
    });

    it('belong to a seeded entity, except coordinadores and administradores, who belong to none', () => {
      for (const u of USUARIOS_DEMO) {
        const platformWide = u.rol === 'coordinador' || u.rol === 'administrador';
        expect([u.email, u.entidadCodigo === null]).toEqual([u.email, platformWide]);
        if (u.entidadCodigo !== null) expect(byCodigo.has(u.entidadCodigo)).toBe(true);
      }
      expect(USUARIOS_DEMO.filter((u) => u.rol === 'coordinador')).toHaveLength(1);
      expect(USUARIOS_DEMO.filter((u) => u.rol === 'administrador')).toHaveLength(1);
    });

    it.each(['MINEDU', 'MML'])('give %s a full team: both responsables, the titular and two oficiales', (codigo) => {
      const roles = USUARIOS_DEMO.filter((u) => u.entidadCodigo === codigo).map((u) => u.rol);
      expect([...roles].sort()).toEqual(
        ['oficial', 'oficial', 'responsable_alterno', 'responsable_titular', 'titular_entidad'].sort(),
      );
    });
  });

  describe('deterministic ids', () => {
    it('are RFC 4122 version-5 UUIDs (known test vector)', () => {
      // uuidv5('www.example.com', DNS namespace), as given by Python's uuid.uuid5 and the npm uuid package.
      expect(deterministicUuid('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
        '2ed6657d-e927-568b-95e1-2665a8aea6a2',
      );
    });

    it('are stable and distinct for every catalogue row', () => {
      const ids = ENTIDADES.flatMap((e) => [
        ...e.sedes.map((s) => catalogoId(e.codigo, 'sede', s.nombre)),
        ...e.unidades.map((n) => catalogoId(e.codigo, 'unidad_organica', n)),
        ...e.servicios.map((n) => catalogoId(e.codigo, 'servicio', n)),
      ]);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(catalogoId('MINEDU', 'sede', 'Sede Central')).toBe('c1ea4509-014b-583f-bc36-0801ca3c9481');
    });
  });

  describe('test/fixtures/reclamo-ejemplo.json', () => {
    // The fixture lives outside the libs; jest's rootDir is the repository root.
    const fixture = JSON.parse(
      readFileSync(join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'reclamo-ejemplo.json'), 'utf8'),
    ) as Record<string, unknown>;
    const minedu = byCodigo.get('MINEDU')!;

    it('refers to seeded MINEDU catalogue rows by their deterministic ids', () => {
      expect(fixture.entidad).toBe('MINEDU');
      const sede = minedu.sedes.find((s) => catalogoId('MINEDU', 'sede', s.nombre) === fixture.sedeId);
      const servicio = minedu.servicios.find((n) => catalogoId('MINEDU', 'servicio', n) === fixture.servicioId);
      const unidad = minedu.unidades.find((n) => catalogoId('MINEDU', 'unidad_organica', n) === fixture.unidadId);
      expect([sede?.nombre, servicio, unidad]).toEqual([
        'Sede Central',
        'Emisión de certificados de estudios',
        'Oficina de Atención al Ciudadano y Gestión Documentaria',
      ]);
    });

    it('uses a valid ubigeo', () => {
      expect(isValidUbigeo(String(fixture.ubigeo))).toBe(true);
    });
  });
});
