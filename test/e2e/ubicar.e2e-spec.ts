import { randomUUID } from 'node:crypto';
import fixture from '../fixtures/reclamo-ejemplo.json';
import { insertReclamo } from '../support/atencion-factory';
import { api, BackofficeHarness, createTestStaff, signIn, startBackofficeApp } from '../support/backoffice-harness';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, filingRowCounts, uniqueCode } from '../support/db';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Issue #13, «ubicar»: finding the entity as people type it, the district as three questions, and
 * documents and phones as people write them — against the real apps, database and Redis.
 */
describe('ubicar: entity search, the district, documents and phones as typed', () => {
  let h: CitizenHarness;
  /** A word no other entity has: this file's entities carry it as an alternate name, so counts are this file's own. */
  const marca = `Zq${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  let propia: { id: string; codigo: string; sedeId: string; unidadId: string; servicioId: string };

  const getJson = async (path: string) => {
    const response = await fetch(`${h.baseUrl}${path}`, { headers: { accept: 'application/json' } });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const buscar = async (query: Record<string, string>) => getJson(`/api/v1/entidades?${new URLSearchParams(query).toString()}`);
  const codigosDe = (body: Json): string[] => (body.entidades as Array<{ codigo: string }>).map((e) => e.codigo);

  async function entidadCon(nombre: string, tipo: string, ubigeo: string): Promise<string> {
    const codigo = uniqueCode('UBI');
    await h.dataSource.query(
      `INSERT INTO entidad (codigo, nombre, ruc, tipo, nivel_gobierno, sector, ubigeo, tramo_id, nombres_alternos)
       VALUES ($1, $2, $3, $4, 'local', 'Pruebas', $5, 4, $6)`,
      [codigo, nombre, rucUnico(), tipo, ubigeo, [marca]],
    );
    return codigo;
  }

  beforeAll(async () => {
    // Monday 23 November 2026, 10:00 in Lima.
    h = await startCitizenApp(new Date('2026-11-23T15:00:00Z'));
    propia = await createTestEntidad(h.dataSource, uniqueCode('UBR'));
  });
  afterAll(async () => {
    await h.close();
  });

  describe('entity search (GET /api/v1/entidades and the home page)', () => {
    let mirafloresLima: string;
    let mirafloresArequipa: string;
    let universidad: string;

    beforeAll(async () => {
      mirafloresLima = await entidadCon('Municipalidad Distrital de Miraflores', 'municipalidad_distrital', '150122');
      mirafloresArequipa = await entidadCon('Municipalidad Distrital de Miraflores', 'municipalidad_distrital', '040110');
      universidad = await entidadCon('Universidad Nacional de Educación Enrique Guzmán y Valle', 'universidad', '150118');
    });

    it.each([
      ['educacion'],
      ['EDUCACION'],
      ['Educación'],
      ['ministerio educacion'],
      ['educacion ministerio'],
      ['Minedu'],
      ['MINISTERIO DE EDUCACIÓN'],
      ['educacio\u0301n'], // decomposed Unicode, as some keyboards send it
    ])('finds the Ministerio de Educación first for «%s»', async (q) => {
      const { status, body } = await buscar({ q });
      expect(status).toBe(200);
      expect(codigosDe(body)[0]).toBe('MINEDU');
      expect(body.aproximado).toBe(false);
    });

    it.each([
      ['Reniec', 'RENIEC'],
      ['registro nacional identificacion', 'RENIEC'],
      ['sunat', 'SUNAT'],
      ['municipalidad de miraflores', 'MIRAFLORES'],
      ['muni de lima', 'MML'],
    ])('finds «%s» (siglas and common names)', async (q, codigo) => {
      const { body } = await buscar({ q });
      expect(codigosDe(body)).toContain(codigo);
    });

    it('finds «Peru» in every name that says Perú', async () => {
      const { body } = await buscar({ q: 'Peru' });
      expect(codigosDe(body)).toEqual(expect.arrayContaining(['PNP', 'EP']));
    });

    it('matches every word in any order, without accents or capitals, and counts them all', async () => {
      for (const q of [`${marca} municipalidad miraflores`, `MIRAFLORES ${marca.toUpperCase()} municipalidád`]) {
        const { body } = await buscar({ q });
        expect(body.total).toBe(2);
        expect(codigosDe(body).sort()).toEqual([mirafloresLima, mirafloresArequipa].sort());
      }
      const { body: todas } = await buscar({ q: marca });
      expect(todas.total).toBe(3);
      // Where each one is, so two «Miraflores» read apart.
      const lugares = (todas.entidades as Array<{ codigo: string; lugar: string }>).map((e) => [e.codigo, e.lugar]);
      expect(lugares).toEqual(expect.arrayContaining([[mirafloresLima, 'Miraflores, Lima'], [mirafloresArequipa, 'Miraflores, Arequipa']]));
    });

    it('browses by kind and by departamento', async () => {
      expect(codigosDe((await buscar({ q: marca, departamento: '04' })).body)).toEqual([mirafloresArequipa]);
      expect(codigosDe((await buscar({ q: marca, tipo: 'universidad' })).body)).toEqual([universidad]);
      const { body } = await buscar({ tipo: 'ministerio', departamento: '15' });
      expect(codigosDe(body)).toContain('MINEDU');
      expect((body.entidades as Array<{ tipo: string }>).every((e) => e.tipo === 'ministerio')).toBe(true);
    });

    it('offers the nearest names when a word is mistyped, and says so', async () => {
      const { body } = await buscar({ q: 'educasion' });
      expect(body.aproximado).toBe(true);
      expect(codigosDe(body)).toContain('MINEDU');
    });

    it.each([
      [{ tipo: 'banco' }, 'tipo'],
      [{ departamento: '99' }, 'departamento'],
      [{ pagina: 'dos' }, 'pagina'],
      [{ q: 'x'.repeat(81) }, 'q'],
    ])('refuses %p with a Spanish 422 naming the field', async (query, campo) => {
      const { status, body } = await buscar(query);
      expect(status).toBe(422);
      expect((body.errores as Array<{ campo: string; mensaje: string }>).map((e) => e.campo)).toEqual([campo]);
    });

    it('shows «Mostrando N de M» on the home page, and its next-page link leads on', async () => {
      const pagina = await (await fetch(`${h.baseUrl}/?q=${marca}`)).text();
      expect(pagina).toContain('Mostrando 3 de 3 entidades');
      // A result leads to the entity's «Antes de empezar» page, which leads on to its hoja.
      expect(pagina).toContain(`href="/e/${mirafloresArequipa}/antes-de-empezar"`);
      expect(pagina).toContain('Miraflores, Arequipa');
      const antes = await fetch(`${h.baseUrl}/e/${mirafloresArequipa}/antes-de-empezar`);
      expect(antes.status).toBe(200);
      expect(await antes.text()).toContain(`href="/e/${mirafloresArequipa}"`);

    });

    it('pages 50 at a time, and the next-page link leads on with the search kept', async () => {
      const otra = `Zp${randomUUID().replace(/-/g, '').slice(0, 8)}`;
      for (let i = 0; i < 53; i += 1) {
        await h.dataSource.query(
          `INSERT INTO entidad (codigo, nombre, ruc, tipo, nivel_gobierno, sector, ubigeo, tramo_id, nombres_alternos)
           VALUES ($1, $2, $3, 'municipalidad_distrital', 'local', 'Pruebas', '080101', 4, $4)`,
          [uniqueCode('UBP'), `Municipalidad de prueba ${String(i).padStart(2, '0')}`, rucUnico(), [otra]],
        );
      }
      const inicio = await (await fetch(`${h.baseUrl}/?q=${otra}`)).text();
      expect(inicio).toContain('Mostrando 1 a 50 de 53 entidades');
      const siguiente = /<a href="([^"]+)" rel="next">Ver más entidades<\/a>/.exec(inicio)?.[1]?.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
      expect(siguiente).toBe(`/?q=${otra}&pagina=2`);
      const segunda = await fetch(`${h.baseUrl}${siguiente}`);
      expect(segunda.status).toBe(200);
      const html = await segunda.text();
      expect(html).toContain('Mostrando 51 a 53 de 53 entidades');
      expect(html).toContain('Municipalidad de prueba 52');
      expect(html).toMatch(/<a href="\/\?q[^"]+" rel="prev">Anteriores<\/a>/);
    });

    it('answers a filter the list does not have with the Spanish error page, never a 500', async () => {
      const response = await fetch(`${h.baseUrl}/?departamento=99`, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(422);
      expect(await response.text()).toContain('elija un departamento de la lista');
    });
  });

  describe('the INEI list, one level at a time (GET /api/v1/ubigeos)', () => {
    it('gives the 25 departamentos, Callao and the accents included, alphabetically', async () => {
      const { status, body } = await getJson('/api/v1/ubigeos');
      expect(status).toBe(200);
      const nombres = (body.ubigeos as Array<{ nombre: string }>).map((u) => u.nombre);
      expect(nombres).toHaveLength(25);
      expect(nombres).toEqual(expect.arrayContaining(['Áncash', 'Apurímac', 'Callao', 'Huánuco', 'Junín', 'San Martín']));
      expect(nombres.indexOf('Áncash')).toBeLessThan(nombres.indexOf('Apurímac'));
    });

    it('gives a departamento\'s provincias and a provincia\'s distritos with their codes', async () => {
      const lima = await getJson('/api/v1/ubigeos?padre=15');
      expect(lima.body.padre).toEqual({ codigo: '15', nombre: 'Lima' });
      expect((lima.body.ubigeos as Array<{ nombre: string }>).map((u) => u.nombre)).toContain('Huarochirí');
      const distritos = await getJson('/api/v1/ubigeos?padre=1501');
      expect(distritos.body.ubigeos).toHaveLength(43);
      expect(distritos.body.ubigeos).toEqual(
        expect.arrayContaining([{ codigo: '150122', nombre: 'Miraflores' }, { codigo: '150135', nombre: 'San Martín de Porres' }]),
      );
    });

    it('answers an unknown code with a Spanish 404 and a malformed one with a 422', async () => {
      const desconocido = await getJson('/api/v1/ubigeos?padre=99');
      expect(desconocido.status).toBe(404);
      expect(JSON.stringify(desconocido.body)).toContain('No existe ese departamento o provincia');
      const malo = await getJson('/api/v1/ubigeos?padre=lima');
      expect(malo.status).toBe(422);
      expect(malo.body.errores[0].campo).toBe('padre');
    });
  });

  describe('documents and phones as people type them (POST /api/v1/reclamos)', () => {
    const hoja = (overrides: Json = {}): Json => ({
      ...fixture,
      entidad: propia.codigo,
      sedeId: propia.sedeId,
      unidadId: propia.unidadId,
      servicioId: propia.servicioId,
      ...overrides,
    });
    const presentar = async (body: Json) => {
      const response = await fetch(`${h.baseUrl}/api/v1/reclamos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Json };
    };
    const guardado = async (codigo: string) => {
      const [row]: Array<{ numero_documento: string; telefono: string | null; ubigeo: string | null }> = await h.dataSource.query(
        `SELECT p.numero_documento, p.telefono, p.ubigeo FROM reclamo_persona p JOIN reclamo r ON r.id = p.reclamo_id
          WHERE r.codigo = $1 AND p.rol = 'reclamante'`,
        [codigo],
      );
      return row;
    };

    it.each([
      ['DNI', '45871236-9', '+51 987 654 321', '45871236', '987654321'],
      ['DNI', '45.871.236', '0051987654321', '45871236', '987654321'],
      ['DNI', '4587 1236', '51-987-654-321', '45871236', '987654321'],
      ['CE', 'ce-0012 34567', '987 654 321', 'CE001234567', '987654321'],
      ['PASAPORTE', 'ab 123456', '(01) 411-0000', 'AB123456', '014110000'],
    ])('stores %s «%s» and the phone «%s» normalised', async (tipoDocumento, numeroDocumento, telefono, documento, telefonoGuardado) => {
      const { status, body } = await presentar(hoja({ tipoDocumento, numeroDocumento, telefono }));
      expect(status).toBe(201);
      expect(await guardado(String(body.codigo))).toMatchObject({ numero_documento: documento, telefono: telefonoGuardado });
      // The citizen follows it with the number as they wrote it.
      const seguimiento = await getJson(`/api/v1/reclamos/${String(body.codigo)}?documento=${encodeURIComponent(numeroDocumento)}`);
      expect(seguimiento.status).toBe(200);
    });

    it('stores a RUC written with dashes as its 11 digits', async () => {
      const { status, body } = await presentar(hoja({ tipoDocumento: 'RUC', numeroDocumento: '20-13137099-8', razonSocial: 'Empresa de Prueba S.A.C.' }));
      expect(status).toBe(201);
      expect((await guardado(String(body.codigo))).numero_documento).toBe('20131370998');
    });

    it.each([
      [{ numeroDocumento: '1234567-8' }, 'numeroDocumento', 'sin el dígito de verificación que va después del guion'],
      [{ numeroDocumento: '123456789' }, 'numeroDocumento', 'sin el dígito de verificación'],
      [{ tipoDocumento: undefined }, 'numeroDocumento', 'elija primero el tipo de documento'],
      [{ telefono: '+1 202 555 0100' }, 'telefono', 'debe ser del Perú (+51)'],
      [{ telefono: '98765432' }, 'telefono', 'celular de 9 dígitos que empiece con 9'],
      [{ notificacionEmail: false, ubigeo: undefined }, 'ubigeo', 'elija el departamento, la provincia y el distrito de su dirección'],
      [{ notificacionEmail: false, ubigeo: '150199' }, 'ubigeo', 'no encontramos ese distrito'],
    ])('refuses %p in plain words naming the field, storing nothing', async (overrides, campo, mensaje) => {
      const antes = await filingRowCounts(h.dataSource, propia.id);
      const { status, body } = await presentar(hoja(overrides));
      expect(status).toBe(422);
      const error = (body.errores as Array<{ campo: string; mensaje: string }>).find((e) => e.campo === campo);
      expect(error?.mensaje).toContain(mensaje);
      expect(error?.mensaje).not.toMatch(/ubigeo \(|6 dígitos del INEI|tipoDocumento|debe ser un texto/);
      expect(await filingRowCounts(h.dataSource, propia.id)).toEqual(antes);
    });

    it('still takes the example filing unchanged', async () => {
      const { status } = await presentar({ ...fixture });
      expect(status).toBe(201);
    });
  });

  describe('the hoja without JavaScript', () => {
    const campos = (overrides: Record<string, string> = {}): FormData => {
      const { entidad: _entidad, ...resto } = fixture as Record<string, unknown>;
      const form = new FormData();
      const fields: Record<string, string> = {
        ...Object.fromEntries(Object.entries(resto).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 'si' : 'no') : String(v)])),
        sedeId: propia.sedeId,
        servicioId: propia.servicioId,
        unidadId: propia.unidadId,
        sitioWeb: '',
        claveEnvio: `form-${randomUUID()}`,
        ...overrides,
      };
      for (const [key, value] of Object.entries(fields)) if (value !== '') form.append(key, value);
      form.append('sitioWeb', '');
      form.append('adjuntos', new Blob([]), '');
      return form;
    };
    const post = async (path: string, form: FormData) => {
      const response = await fetch(`${h.baseUrl}${path}`, { method: 'POST', body: form, redirect: 'manual' });
      return { status: response.status, html: await response.text(), location: response.headers.get('location') };
    };
    const opcionElegida = (html: string, select: string): string | undefined =>
      new RegExp(`<select id="${select}"[\\s\\S]*?<option value="(\\d*)" selected>`).exec(html)?.[1];

    it('asks departamento, then provincia, then distrito, keeping everything typed and storing nothing', async () => {
      const antes = await filingRowCounts(h.dataSource, propia.id);
      const clave = `form-${randomUUID()}`;
      const base = { notificacionEmail: 'no', ubigeo: '', claveEnvio: clave, nombres: 'Rosa Ñañez', numeroDocumento: '45.871.236-9' };

      const paso1 = await post(`/e/${propia.codigo}/distrito`, campos({ ...base, departamento: '15' }));
      expect(paso1.status).toBe(200);
      expect(paso1.html).toContain('value="Rosa Ñañez"');
      expect(paso1.html).toContain('value="45.871.236-9"');
      expect(paso1.html).toContain(`value="${clave}"`);
      expect(opcionElegida(paso1.html, 'departamento')).toBe('15');
      expect(paso1.html).toContain('<option value="1507">Huarochirí</option>');
      expect(paso1.html).not.toContain('<option value="150122">');

      const paso2 = await post(`/e/${propia.codigo}/distrito`, campos({ ...base, departamento: '15', provincia: '1501' }));
      expect(paso2.html).toContain('<option value="150122">Miraflores</option>');
      expect(paso2.html).not.toContain('<option value="040110">');

      const paso3 = await post(`/e/${propia.codigo}/distrito`, campos({ ...base, departamento: '15', provincia: '1501', ubigeo: '150122' }));
      expect(paso3.html).toContain('Eligió: <strong>Miraflores, provincia de Lima, departamento de Lima</strong>');

      // A departamento changed without asking for its provincias drops what belonged to the old one.
      const cambio = await post(`/e/${propia.codigo}/distrito`, campos({ ...base, departamento: '04', provincia: '1501', ubigeo: '150122' }));
      expect(opcionElegida(cambio.html, 'provincia')).toBeUndefined();
      expect(cambio.html).toContain('<option value="0401">Arequipa</option>');
      expect(cambio.html).not.toContain('Eligió:');

      expect(await filingRowCounts(h.dataSource, propia.id)).toEqual(antes);
      const volver = await fetch(`${h.baseUrl}/e/${propia.codigo}/distrito`, { redirect: 'manual' });
      expect(volver.status).toBe(303);
      expect(volver.headers.get('location')).toBe(`/e/${propia.codigo}`);
    });

    it('files the postal answer with the district chosen, the document and phone as typed', async () => {
      const { status, location } = await post(
        `/e/${propia.codigo}`,
        campos({ notificacionEmail: 'no', departamento: '04', provincia: '0401', ubigeo: '040110', numeroDocumento: '45871236-9', telefono: '+51 987 654 321' }),
      );
      expect(status).toBe(303);
      const codigo = decodeURIComponent(/\/reclamos\/([^/]+)\/constancia/.exec(location ?? '')?.[1] ?? '');
      const [row]: Array<{ ubigeo: string; numero_documento: string; telefono: string }> = await h.dataSource.query(
        `SELECT p.ubigeo, p.numero_documento, p.telefono FROM reclamo_persona p JOIN reclamo r ON r.id = p.reclamo_id WHERE r.codigo = $1`,
        [codigo],
      );
      expect(row).toEqual({ ubigeo: '040110', numero_documento: '45871236', telefono: '987654321' });
    });

    it('says in plain words which question is left, and shows the document and phone back as typed', async () => {
      const { status, html } = await post(
        `/e/${propia.codigo}`,
        campos({ notificacionEmail: 'no', departamento: '15', ubigeo: '', numeroDocumento: '45 871 236', telefono: '987.654.321', descripcion: 'corto' }),
      );
      expect(status).toBe(422);
      expect(html).toContain('elija la provincia y luego el distrito de su dirección');
      expect(html).toContain('value="45 871 236"');
      expect(html).toContain('value="987.654.321"');
      expect(html).toContain('<option value="1501">Lima</option>');
      expect(html).not.toContain('6 dígitos del INEI');
    });
  });

  describe('the inbox search folds names and documents the same way (back-office q=)', () => {
    let b: BackofficeHarness;
    beforeAll(async () => {
      b = await startBackofficeApp(new Date('2026-11-23T15:00:00Z'));
    });
    afterAll(async () => {
      await b.close();
    });

    it('finds «María Quispe Huamán» typed without accents, in another order, in capitals or in NFD, and by her DNI with its check digit', async () => {
      const entidad = await createTestEntidad(b.dataSource, uniqueCode('UBB'));
      const responsable = await createTestStaff(b.dataSource, { rol: 'responsable_titular', entidadId: entidad.id });
      const sesion = await signIn(b, responsable.email, responsable.password);
      const reclamo = await insertReclamo(b.dataSource, entidad, { nombres: 'María', apellidos: 'Quispe Huamán', numeroDocumento: '40123456' });
      await insertReclamo(b.dataSource, entidad, { nombres: 'Mario', apellidos: 'Quispe Rojas', numeroDocumento: '40654321' });
      for (const q of ['maria quispe', 'HUAMAN maria', 'quispe huamán', 'Hua\u0301man', '40123456-7', '40.123.456']) {
        const { status, body } = await api(b, 'GET', `/api/v1/bandeja?q=${encodeURIComponent(q)}`, { cookie: sesion.cookie });
        expect({ q, status, codigos: (body.items as Array<{ codigo: string }>).map((i) => i.codigo) }).toEqual({
          q,
          status: 200,
          codigos: [reclamo.codigo],
        });
      }
    });
  });
});

let rucSecuencia = 0;
/** A RUC of a test entity: 20 + 8 digits of its own + SUNAT's check digit (the seed's and other files' never collide). */
function rucUnico(): string {
  rucSecuencia += 1;
  const base = `20${String((Date.now() * 7 + process.pid * 101 + rucSecuencia * 7919) % 100_000_000).padStart(8, '0')}`;
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(base[i]), 0);
  const check = (11 - (sum % 11)) % 10;
  return `${base}${check}`;
}
