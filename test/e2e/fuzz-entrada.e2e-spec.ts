import fc from 'fast-check';
import fixture from '../fixtures/reclamo-ejemplo.json';
import { BackofficeHarness, createTestStaff, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, filingRowCounts, uniqueCode } from '../support/db';
import { casoDeCuerpo, consultaHostil, cuerpoDe, FUZZ_CONTAR, FUZZ_RUNS, FUZZ_SEED, parametroHostil, problemasDe, Respuesta } from '../support/fuzz';
import { RECLAMO_ROUTE_BODIES, Route, routeTable } from '../support/route-table';

/**
 * Fuzz over every route of the citizen app and every back-office route that takes a body, read from
 * the apps' route tables (a new route is fuzzed the day it is added). Property, per request: never a
 * 5xx; every refusal a Spanish 4xx that names the field of a field error; and a refused request
 * stores nothing (the filing rows of this file's own entity do not move).
 * Seeded and bounded (test/support/fuzz.ts): `npm test` runs FUZZ_RUNS cases per route and body
 * kind, `npm run drills` many more.
 */

/** Routes that end the session the suite signs in with; fuzzing them would test nothing after. */
const CIERRAN_SESION = new Set(['DELETE /api/v1/sesion', 'POST /api/v1/sesion/cerrar-todas', 'POST /salir']);
/** Routes of the platform's administrators (and the entity registry's), signed in as one; everything else as the entity's responsable. */
const DE_ADMINISTRADOR = /^\/(api\/v1\/(admin|entidades|tramos)|entidades|tramos)\b/;

interface Contexto {
  entidadId: string;
  entidadCodigo: string;
  reclamoId: string;
  reclamoCodigo: string;
  /** A valid hoja of this entity, as the JSON API takes it. */
  hoja: Record<string, unknown>;
}

/** A valid body for a citizen route: the hoja (the form takes the entity from its address), a look-up, a survey. */
function cuerpoValidoCiudadano(route: Route, c: Contexto): Record<string, unknown> {
  if (route.path === '/api/v1/reclamos') return c.hoja;
  if (route.path === '/e/:codigo') {
    const { entidad: _enLaDireccion, ...formulario } = c.hoja;
    return formulario;
  }
  if (route.path === '/seguimiento') return { codigo: c.reclamoCodigo, documento: String(c.hoja.numeroDocumento) };
  if (route.path === '/encuesta') return { token: 'x'.repeat(43), general: '5', rapidez: '4', claridad: '4', trato: '5', resuelto: 'si', comentario: 'Bien' };
  return {};
}

/** A valid body for a back-office route, so the fuzz changes one thing at a time from a request that would pass. */
function cuerpoValidoBackoffice(route: Route): Record<string, unknown> {
  const key = `${route.method} ${route.path}`;
  if (key in RECLAMO_ROUTE_BODIES) return RECLAMO_ROUTE_BODIES[key];
  const p = route.path;
  if (/hoja-fisica$/.test(p)) return { ...fixture, numeroHojaFisica: '000123', fechaHoja: '2026-11-20' };
  if (/notificar$/.test(p)) return { medio: 'postal', fecha: '2026-11-20' };
  if (/calendario\/(dias|dias-no-laborables)$/.test(p)) return { tipo: 'cierre_entidad', fecha: '2027-05-05', descripcion: 'Cierre de prueba' };
  if (/recalculo$/.test(p)) return { version: 'v1', motivo: 'Recalcular' };
  if (/plantillas/.test(p)) return { nombre: 'Plantilla', hechos: 'Hechos de la plantilla.', analisis: 'Análisis.', medidasAdoptadas: 'Medidas.' };
  if (/configuracion(\/ajustes)?$/.test(p)) return { aprobacionRequerida: false, umbralesAlerta: '7, 3' };
  if (/configuracion\/:catalogo/.test(p)) return { nombre: 'Sede de prueba' };
  if (/personal$/.test(p)) return { email: 'nueva.persona@pruebas.gob.pe', nombre: 'Persona nueva', rol: 'oficial' };
  if (/exportaciones$/.test(p)) return { tipo: 'cifras_detalle', formato: 'csv', desde: '2026-01-01', hasta: '2026-01-31' };
  if (/sesion$|ingresar$/.test(p)) return { email: 'nadie@pruebas.gob.pe', password: 'no-es-la-clave' };
  if (/restablecer|invitacion|aceptar/.test(p)) return { email: 'nadie@pruebas.gob.pe', token: 'x'.repeat(40), password: 'Clave-nueva-2026!', password2: 'Clave-nueva-2026!' };
  return { texto: 'Texto de prueba' };
}

function rutaConcreta(route: Route, c: Contexto, parametro: string | null): string {
  return route.path.replace(/:(\w+)/g, (_m, name: string) => {
    if (parametro !== null) return parametro;
    if (name === 'id') return route.path.startsWith('/api/v1/casos') || route.path.startsWith('/casos') ? c.reclamoId : '00000000-0000-4000-8000-000000000000';
    if (name === 'codigo') return route.path.startsWith('/e/') ? c.entidadCodigo : c.reclamoCodigo;
    if (name === 'catalogo') return 'sedes';
    if (name === 'accion') return 'notas';
    return '00000000-0000-4000-8000-000000000000';
  });
}

function semillaDe(ruta: string): number {
  let hash = FUZZ_SEED;
  for (const ch of ruta) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return hash;
}

async function enviar(baseUrl: string, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Respuesta> {
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', texto: await response.text() };
}

describe('fuzz: hostile input on every public route and every back-office route with a body', () => {
  let ciudadano: CitizenHarness;
  let backoffice: BackofficeHarness;
  let ctx: Contexto;
  let responsable: SignedIn;
  let administrador: SignedIn;
  const hallazgos: string[] = [];
  const cifras = { rutas: 0, casos: 0 };

  beforeAll(async () => {
    ciudadano = await startCitizenApp();
    backoffice = await startBackofficeApp();
    const entidad = await createTestEntidad(ciudadano.dataSource, uniqueCode('FUZ'));
    const hoja = { ...fixture, entidad: entidad.codigo, sedeId: entidad.sedeId, unidadId: entidad.unidadId, servicioId: entidad.servicioId };
    const filed = await fetch(`${ciudadano.baseUrl}/api/v1/reclamos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(hoja) });
    const { codigo } = (await filed.json()) as { codigo: string };
    const [{ id }]: Array<{ id: string }> = await ciudadano.dataSource.query(`SELECT id FROM reclamo WHERE codigo = $1`, [codigo]);
    ctx = { entidadId: entidad.id, entidadCodigo: entidad.codigo, reclamoId: id, reclamoCodigo: codigo, hoja };
    const titular = await createTestStaff(backoffice.dataSource, { rol: 'responsable_titular', entidadId: entidad.id });
    const admin = await createTestStaff(backoffice.dataSource, { rol: 'administrador', entidadId: null });
    responsable = await signIn(backoffice, titular.email, titular.password);
    administrador = await signIn(backoffice, admin.email, admin.password);
  });
  afterAll(async () => {
    // The figures the README quotes: how much was fuzzed, and what was found.
    console.info(`fuzz: seed ${FUZZ_SEED}, ${FUZZ_RUNS} casos por ruta, ${cifras.rutas} rutas, ${cifras.casos} solicitudes, ${hallazgos.length} hallazgos`);
    await ciudadano?.close();
    await backoffice?.close();
  });

  /** Sends one case and checks the property; in FUZZ_CONTAR mode it gathers the problems instead of failing at once. */
  async function comprobar(etiqueta: string, send: () => Promise<Respuesta>): Promise<void> {
    cifras.casos += 1;
    const before = await filingRowCounts(ciudadano.dataSource, ctx.entidadId);
    const r = await send();
    const problemas = problemasDe(r);
    if (r.status >= 400) {
      const after = await filingRowCounts(ciudadano.dataSource, ctx.entidadId);
      if (JSON.stringify(after) !== JSON.stringify(before)) problemas.push(`rechazó (${r.status}) y aun así guardó: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    }
    if (problemas.length === 0) return;
    const linea = `${problemas.join('; ')} ← ${etiqueta}`;
    if (FUZZ_CONTAR) hallazgos.push(linea);
    else throw new Error(linea);
  }

  async function fuzzRuta(app: 'ciudadano' | 'backoffice', route: Route): Promise<void> {
    cifras.rutas += 1;
    const h = app === 'ciudadano' ? ciudadano : backoffice;
    const sesion = app === 'backoffice' ? (DE_ADMINISTRADOR.test(route.path) ? administrador : responsable) : null;
    const auth: Record<string, string> = sesion ? { cookie: sesion.cookie, 'x-csrf-token': sesion.csrfToken } : {};
    const valido = app === 'ciudadano' ? cuerpoValidoCiudadano(route, ctx) : cuerpoValidoBackoffice(route);
    // One seed per route (derived from FUZZ_SEED), so routes do not all get the same cases.
    const opciones = { numRuns: FUZZ_RUNS, seed: semillaDe(`${app} ${route.method} ${route.path}`), endOnFailure: true };
    // The API answers JSON and the pages HTML: each case asks for one of them.
    const accept = fc.constantFrom('application/json', 'text/html');
    if (route.method === 'GET') {
      await fc.assert(
        fc.asyncProperty(fc.option(parametroHostil, { freq: 2 }), consultaHostil, accept, async (parametro, consulta, aceptar) => {
          const path = `${rutaConcreta(route, ctx, route.path.includes(':') ? parametro : null)}?${consulta}`;
          await comprobar(`${route.method} ${path} [${aceptar}]`, () => enviar(h.baseUrl, 'GET', path, { accept: aceptar, ...auth }));
        }),
        opciones,
      );
      return;
    }
    const conCsrf = sesion ? { ...valido, _csrf: sesion.csrfToken } : valido;
    await fc.assert(
      fc.asyncProperty(casoDeCuerpo(Object.keys(valido)), fc.option(parametroHostil, { freq: 4 }), accept, async (caso, parametro, aceptar) => {
        const path = rutaConcreta(route, ctx, route.path.includes(':') ? parametro : null);
        const { contentType, body } = cuerpoDe(conCsrf, caso);
        const headers: Record<string, string> = { accept: aceptar, ...auth };
        if (contentType) headers['content-type'] = contentType;
        await comprobar(`${route.method} ${path} [${caso.codificacion}, ${aceptar}] ${JSON.stringify(caso.cambios).slice(0, 160)}`, () =>
          enviar(h.baseUrl, route.method, path, headers, body),
        );
      }),
      opciones,
    );
  }

  it('the citizen app: every route, with hostile queries, parameters and bodies', async () => {
    const routes = routeTable(ciudadano.app);
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) await fuzzRuta('ciudadano', route);
  });

  it('the back-office: every route with a body, signed in with the role it needs', async () => {
    const routes = routeTable(backoffice.app).filter((r) => r.method !== 'GET' && !CIERRAN_SESION.has(`${r.method} ${r.path}`));
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) await fuzzRuta('backoffice', route);
  });

  it('found nothing (FUZZ_CONTAR=1 lists every finding here)', () => {
    expect(hallazgos).toEqual([]);
  });
});
