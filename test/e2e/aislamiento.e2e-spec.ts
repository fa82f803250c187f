import { createHash, randomUUID } from 'node:crypto';
import { EstadoReclamo } from '@app/domain';
import { insertReclamo } from '../support/atencion-factory';
import { api, ApiResponse, BackofficeHarness, createTestStaff, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';
import { createTestEntidad, uniqueCode } from '../support/db';
import { RECLAMO_ROUTE_BODIES, Route, routeTable } from '../support/route-table';

/**
 * The second isolation matrix: every back-office route that takes an id or names an entity,
 * generated from the app's route table. A responsable of entity B (the most a member of an entity
 * can do) asks for entity A's resource: the answer is 404 and nothing of A or B changed.
 * Routes without an id that never name an entity (the inbox, the session, the calendar list) are
 * scoped by the session itself and are not part of it.
 */

/** A's resources, created once. */
interface Recursos {
  entidadA: string;
  reclamo: string;
  adjunto: string;
  dia: string;
  oficial: string;
  plantilla: string;
  catalogo: Record<string, string>;
  /** An improvement action of A, with one activity, indicator and evidence file. */
  mejora: { accion: string; actividad: string; indicador: string; evidencia: string };
  /** A ready export of A's figures, asked for by A's responsable. */
  exportacion: string;
}

/** Valid bodies of the improvement-action routes (API and page forms alike), so each reaches its use case. */
const MEJORA_BODIES: Readonly<Record<string, Record<string, unknown>>> = {
  '': { titulo: 'Acción intrusa', problema: 'Un problema escrito por un intruso.' },
  fase: { fase: 'aprobacion' },
  actividades: { descripcion: 'Actividad intrusa', costoUnitario: '10.00', cantidad: '1' },
  indicadores: {
    denominacion: 'Indicador intruso',
    unidadMedida: 'reclamos',
    frecuencia: 'anual',
    lineaBaseAnio: 2025,
    lineaBaseValor: '1',
    medioVerificacion: 'Ninguno',
    ambitoMedicion: 'resultado',
    ambitoControl: 'calidad',
    metas: ['1', '1', '1', '1'],
  },
  avances: { descripcion: 'Avance de un intruso.' },
  siguiente: {},
};

/** `/api/v1/acciones-mejora/:id/<what>` or `/mejora/:id/<what>` → its valid body. */
function mejoraBody(path: string): Record<string, unknown> {
  const what = path.replace(/^\/(api\/v1\/acciones-mejora|mejora)\/:id\/?/, '').split('/')[0];
  return MEJORA_BODIES[what] ?? {};
}

const CATALOGOS = ['sedes', 'unidades', 'servicios', 'temas'];

/** Valid bodies, so each request reaches its use case (a 422 from the edge would prove nothing). */
function bodyFor(route: Route, recursos: Recursos): Record<string, unknown> | undefined {
  if (route.method === 'GET' || route.method === 'DELETE') return undefined;
  const key = `${route.method} ${route.path}`;
  if (key in RECLAMO_ROUTE_BODIES) return RECLAMO_ROUTE_BODIES[key];
  if (/^\/(api\/v1\/acciones-mejora|mejora)\/:id/.test(route.path)) return mejoraBody(route.path);
  if (/^\/api\/v1\/configuracion$/.test(route.path)) return { aprobacionRequerida: false, umbralesAlerta: [7, 3] };
  if (/\/plantillas(\/:id)?$/.test(route.path)) return { nombre: 'Plantilla intrusa', hechos: 'Texto de la plantilla intrusa.' };
  if (/\/configuracion\/:catalogo(\/:id)?$/.test(route.path)) return { nombre: 'Nombre intruso' };
  if (route.path === '/api/v1/personal') return { email: `intruso.${randomUUID().slice(0, 8)}@pruebas.gob.pe`, nombre: 'Persona intrusa', rol: 'oficial', entidadId: recursos.entidadA };
  return {};
}

interface Probe {
  path: string;
  body?: Record<string, unknown>;
  /** The error code expected (JSON API); pages only need the 404. */
  codigo: string | null;
  form?: boolean;
}

/**
 * How each kind of route is aimed at A's resource. A route that takes a parameter (or names an
 * entity) and matches no rule fails the coverage test: a new route must say how it is isolated.
 */
function probesFor(route: Route, r: Recursos): Probe[] | null {
  const p = route.path;
  const body = bodyFor(route, r);
  const one = (path: string, codigo: string | null): Probe[] => [{ path, body, codigo }];
  if (/^\/api\/v1\/casos\/:id/.test(p)) return one(p.replace(':id', r.reclamo).replace(':adjuntoId', r.adjunto), 'RECLAMO_NOT_FOUND');
  if (p === '/api/v1/reclamos/:id/mensajes') return one(p.replace(':id', r.reclamo), 'RECLAMO_NOT_FOUND');
  if (p === '/api/v1/calendario/dias-no-laborables/:id') return one(p.replace(':id', r.dia), 'DIA_NO_LABORABLE_NOT_FOUND');
  if (p === '/api/v1/personal/:id/desactivar') return one(p.replace(':id', r.oficial), 'USUARIO_NOT_FOUND');
  if (p === '/api/v1/personal') return route.method === 'GET' ? one(`${p}?entidad=${r.entidadA}`, 'ENTIDAD_NOT_FOUND') : one(p, 'ENTIDAD_NOT_FOUND');
  if (p === '/api/v1/configuracion' || p === '/api/v1/configuracion/plantillas') return one(`${p}?entidad=${r.entidadA}`, 'ENTIDAD_NOT_FOUND');
  if (p === '/api/v1/configuracion/plantillas/:id') {
    // Guessing the id, and naming the entity as well.
    const path = p.replace(':id', r.plantilla);
    return [...one(path, 'CONFIGURACION_NOT_FOUND'), ...one(`${path}?entidad=${r.entidadA}`, 'ENTIDAD_NOT_FOUND')];
  }
  if (p === '/api/v1/configuracion/:catalogo') return CATALOGOS.flatMap((c) => one(`${p.replace(':catalogo', c)}?entidad=${r.entidadA}`, 'ENTIDAD_NOT_FOUND'));
  if (/^\/api\/v1\/configuracion\/:catalogo\/:id/.test(p)) {
    return CATALOGOS.flatMap((c) => {
      const path = p.replace(':catalogo', c).replace(':id', r.catalogo[c]);
      return [...one(path, 'CONFIGURACION_NOT_FOUND'), ...one(`${path}?entidad=${r.entidadA}`, 'ENTIDAD_NOT_FOUND')];
    });
  }
  // Improvement actions: the action, and each of its activities, indicators and evidence files.
  const mejoraPath = (path: string) =>
    path.replace(':id', r.mejora.accion).replace(':actividadId', r.mejora.actividad).replace(':indicadorId', r.mejora.indicador).replace(':evidenciaId', r.mejora.evidencia);
  if (p.startsWith('/api/v1/acciones-mejora/:id')) return one(mejoraPath(p), 'ACCION_MEJORA_NOT_FOUND');
  if (p.startsWith('/mejora/:id')) {
    // The page's indicator form has one field per target year (meta1 … meta4).
    const fields = Object.fromEntries(
      Object.entries(body ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x, i) => [`meta${i + 1}`, String(x)]) : [[k, String(v)]])),
    );
    return [{ path: mejoraPath(p), body: route.method === 'GET' ? undefined : fields, codigo: null, form: route.method !== 'GET' }];
  }
  // Exports: the state (JSON), the progress page and the file.
  if (p === '/api/v1/exportaciones/:id') return one(p.replace(':id', r.exportacion), 'EXPORTACION_NOT_FOUND');
  if (p === '/exportaciones/:id' || p === '/exportaciones/:id/archivo') return one(p.replace(':id', r.exportacion), null);
  // The reclamo pages (HTML): the reclamo page and each action form.
  if (p === '/casos/:id') return one(p.replace(':id', r.reclamo), null);
  // Notificar has its own (multipart) route; a plain form post reaches it too.
  if (p === '/casos/:id/notificar') return [{ path: p.replace(':id', r.reclamo), body: {}, codigo: null, form: true }];
  if (p === '/casos/:id/:accion') {
    return Object.entries(RECLAMO_ROUTE_BODIES).map(([key, valid]) => ({
      path: `/casos/${r.reclamo}/${key.split('/').pop()}`,
      body: Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, String(v)])),
      codigo: null,
      form: true,
    }));
  }
  // The calendar and settings pages (HTML forms): the same resources, answered with the 404 page.
  const form = (path: string, fields: Record<string, string> = {}): Probe => ({ path, body: fields, codigo: null, form: true });
  // The staff page: A's officer through each action, and A named as the entity (page and invitation).
  if (p === '/personal/:id/desactivar' || p === '/personal/:id/reactivar') return [form(p.replace(':id', r.oficial))];
  if (p === '/personal/:id/designar/:cual') return [form(p.replace(':id', r.oficial).replace(':cual', 'alterno'))];
  if (p === '/personal') return [{ path: `${p}?entidad=${r.entidadA}`, body: undefined, codigo: null }];
  if (p === '/personal/invitar') return [form(p, { email: 'ajena@pruebas.gob.pe', nombre: 'Persona Ajena', rol: 'oficial', entidad: r.entidadA })];
  if (p === '/calendario/dias/:id/quitar') return [form(p.replace(':id', r.dia))];
  if (p === '/configuracion/plantillas/:id') {
    const fields = { nombre: 'Plantilla ajena', hechos: 'Hechos', analisis: 'Análisis', medidasAdoptadas: 'Medidas' };
    return [form(p.replace(':id', r.plantilla), fields), form(`${p.replace(':id', r.plantilla)}?entidad=${r.entidadA}`, fields)];
  }
  if (p === '/configuracion/plantillas/:id/eliminar') {
    return [form(p.replace(':id', r.plantilla)), form(`${p.replace(':id', r.plantilla)}?entidad=${r.entidadA}`)];
  }
  if (p === '/configuracion/:catalogo') {
    return CATALOGOS.map((c) => form(`/configuracion/${c}?entidad=${r.entidadA}`, { nombre: 'Ajena' }));
  }
  if (p === '/configuracion/:catalogo/:id' || p === '/configuracion/:catalogo/:id/:accion') {
    return CATALOGOS.flatMap((c) => {
      const base = `/configuracion/${c}/${r.catalogo[c]}`;
      const path = p.endsWith(':accion') ? `${base}/desactivar` : base;
      return [form(path, { nombre: 'Ajena' }), form(`${path}?entidad=${r.entidadA}`, { nombre: 'Ajena' })];
    });
  }
  return null;
}

/**
 * Routes only platform administrators (and, for the console, the SGP's coordinators) reach: an entity's
 * staff are refused by role before any lookup.
 */
const SOLO_PLATAFORMA = new Set([
  'POST /api/v1/admin/mensajes/:id/reenviar',
  'POST /admin/mensajes/:id/reenviar',
  'GET /api/v1/admin/mensajes/fallidos',
  'GET /api/v1/tramos/:numero',
  'GET /api/v1/tramos/:numero.csv',
  'GET /api/v1/tramos/:numero.xlsx',
  'GET /api/v1/adopcion/entidades/:codigo',
  'GET /tramos/:numero',
  'GET /adopcion/entidades/:codigo',
]);

/**
 * The entity registry and the tramos' editing (API and pages): coordinators' and administrators' only.
 * An entity's staff are refused by role (403) before any look-up, even naming their own entity.
 */
const DEL_REGISTRO = /^\/(api\/v1\/)?(entidades|tramos)\/:(codigo|numero)/;

/** A valid body for each registry route, so the refusal is the role's, not the body's. */
function cuerpoDelRegistro(path: string, codigo: string): Record<string, unknown> {
  if (path.endsWith('/designaciones')) return { oficioNumero: 'Oficio 1', oficioFecha: '2021-02-01', titularNombre: 'Intrusa Intrusa', titularEmail: 'intrusa@pruebas.gob.pe' };
  if (path.endsWith('/invitaciones')) return { cargo: 'titular' };
  if (path.endsWith('/desactivar') || path.endsWith('/reactivar')) return {};
  if (path.includes('tramos')) return { nombre: 'Tramo intruso', fechaInicio: '2021-01-01', fechaLimite: '2021-12-31' };
  return { nombre: 'Entidad intrusa', codigo, ruc: '20131370998', tipo: 'ministerio', nivelGobierno: 'nacional', sector: 'Intrusos', ubigeo: '150101', tramo: '' };
}

/** Routes that take a parameter or name an entity: the ones the matrix must cover. */
function isScoped(route: Route): boolean {
  return route.path.includes(':') || /^\/api\/v1\/(configuracion|personal)(\/plantillas)?$/.test(route.path) || /^\/personal(\/invitar)?$/.test(route.path);
}

/** Administrators' pages an entity's staff must not learn exist: 404, not 403. */
const SOLO_ADMINISTRADORES_OCULTO = new Set(['POST /admin/colas/:cola/trabajos/:id/reintentar']);

/** Public tokens, not tenant resources. */
const SIN_ENTIDAD = new Set(['POST /api/v1/personal/aceptar']);

describe('tenant isolation over every back-office route with an id or an entity (generated from the route table)', () => {
  let h: BackofficeHarness;
  let recursos: Recursos;
  let entidadB: string;
  let responsableA: SignedIn;
  let responsableB: SignedIn;

  beforeAll(async () => {
    h = await startBackofficeApp(new Date('2026-11-23T15:00:00Z'));
    const a = await createTestEntidad(h.dataSource, uniqueCode('ISA'));
    const b = await createTestEntidad(h.dataSource, uniqueCode('ISB'));
    entidadB = b.id;
    const titularA = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: a.id });
    const oficialA = await createTestStaff(h.dataSource, { rol: 'oficial', entidadId: a.id });
    const titularB = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: b.id });
    responsableA = await signIn(h, titularA.email, titularA.password);
    responsableB = await signIn(h, titularB.email, titularB.password);
    expect([responsableA.status, responsableB.status]).toEqual([200, 200]);

    const reclamo = await insertReclamo(h.dataSource, a, { estado: EstadoReclamo.REGISTRADO });
    const [adjunto]: Array<{ id: string }> = await h.dataSource.query(
      `INSERT INTO adjunto (reclamo_id, nombre_original, tipo_mime, bytes, sha256, clave_almacen) VALUES ($1, 'a.pdf', 'application/pdf', 10, $2, 'no-existe') RETURNING id`,
      [reclamo.id, '0'.repeat(64)],
    );
    const [dia]: Array<{ id: string }> = await h.dataSource.query(
      // Long past: no open reclamo's due date depends on it, so the plazos recompute other tests preview never sees it.
      `INSERT INTO dia_no_laborable (tipo, fecha, entidad_id, descripcion) VALUES ('cierre_entidad', '2020-01-02', $1, 'Cierre de A') RETURNING id`,
      [a.id],
    );
    const [tema]: Array<{ id: string }> = await h.dataSource.query(`INSERT INTO tema (entidad_id, nombre) VALUES ($1, 'Tema de A') RETURNING id`, [a.id]);
    const [plantilla]: Array<{ id: string }> = await h.dataSource.query(
      `INSERT INTO plantilla_respuesta (entidad_id, nombre, hechos) VALUES ($1, 'Plantilla de A', 'Hechos de A') RETURNING id`,
      [a.id],
    );
    const [accion]: Array<{ id: string }> = await h.dataSource.query(
      `INSERT INTO accion_mejora (entidad_id, titulo, problema, creado_por, created_at, updated_at) VALUES ($1, 'Acción de A', 'Problema de A', $2, now(), now()) RETURNING id`,
      [a.id, titularA.id],
    );
    const [actividad]: Array<{ id: string }> = await h.dataSource.query(
      `INSERT INTO accion_mejora_actividad (accion_id, descripcion, costo_unitario, cantidad, created_at) VALUES ($1, 'Actividad de A', 10, 2, now()) RETURNING id`,
      [accion.id],
    );
    const [indicador]: Array<{ id: string }> = await h.dataSource.query(
      `INSERT INTO accion_mejora_indicador (accion_id, denominacion, unidad_medida, frecuencia, linea_base_anio, linea_base_valor, medio_verificacion, ambito_medicion, ambito_control, created_at)
       VALUES ($1, 'Indicador de A', 'reclamos', 'anual', 2025, 1, 'Reporte', 'resultado', 'calidad', now()) RETURNING id`,
      [accion.id],
    );
    const [avance]: Array<{ id: string }> = await h.dataSource.query(
      `INSERT INTO accion_mejora_avance (accion_id, fase, descripcion, registrado_por, registrado_en) VALUES ($1, 'implementacion', 'Avance de A', $2, now()) RETURNING id`,
      [accion.id, titularA.id],
    );
    const [evidencia]: Array<{ id: string }> = await h.dataSource.query(
      `INSERT INTO accion_mejora_evidencia (avance_id, accion_id, nombre_original, tipo_mime, bytes, sha256, clave_almacen, created_at)
       VALUES ($1, $2, 'a.pdf', 'application/pdf', 10, $3, 'no-existe', now()) RETURNING id`,
      [avance.id, accion.id, '0'.repeat(64)],
    );
    const [exportacion]: Array<{ id: string }> = await h.dataSource.query(
      `INSERT INTO exportacion (entidad_id, solicitado_por, tipo, formato, parametros, estado, progreso, clave_almacen, bytes, created_at, terminado_en, expira_en)
       VALUES ($1, $2, 'cifras_detalle', 'csv', '{"desde":"2026-01-01","hasta":"2026-01-31","filtros":{}}', 'lista', 100, '2026-11-23/00000000-0000-4000-8000-000000000000', 10,
               now(), now(), now() + interval '7 days') RETURNING id`,
      [a.id, titularA.id],
    );
    recursos = {
      exportacion: exportacion.id,
      mejora: { accion: accion.id, actividad: actividad.id, indicador: indicador.id, evidencia: evidencia.id },
      entidadA: a.id,
      reclamo: reclamo.id,
      adjunto: adjunto.id,
      dia: dia.id,
      oficial: oficialA.id,
      plantilla: plantilla.id,
      catalogo: { sedes: a.sedeId, unidades: a.unidadId, servicios: a.servicioId, temas: tema.id },
    };
  });
  afterAll(async () => {
    await h.dataSource.query(`DELETE FROM dia_no_laborable WHERE id = $1`, [recursos.dia]);
    await h.close();
  });

  /**
   * Everything of A and B a back-office request could write, as one hash (sessions aside: signing in writes them).
   * The log of reads only as written by A's and B's own staff: a coordinator's ranking in another file records
   * its read of every entity's figures, A's and B's too, while this file runs; a refused request of B's must
   * record no read at all.
   */
  async function tenantsHash(): Promise<string> {
    const ids = [recursos.entidadA, entidadB];
    const rows = (table: string, where: string) =>
      `(SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY to_jsonb(t)::text), '[]')::text FROM ${table} t WHERE ${where})`;
    const [row]: Array<{ f: string }> = await h.dataSource.query(
      `SELECT concat_ws('|',
         ${rows('entidad', 't.id = ANY ($1::uuid[])')},
         ${rows('designacion_responsables', 't.entidad_id = ANY ($1::uuid[])')},
         ${rows('auditoria_registro', 't.entidad_id = ANY ($1::uuid[])')},
         ${rows('auditoria', 't.entidad_id = ANY ($1::uuid[])')},
         ${rows('registro_acceso', 't.entidad_id = ANY ($1::uuid[]) AND t.actor_id IN (SELECT id FROM usuario WHERE entidad_id = ANY ($1::uuid[]))')},
         ${['reclamo', 'reclamo_evento', 'outbox', 'usuario', 'sede', 'unidad_organica', 'servicio', 'tema', 'plantilla_respuesta', 'dia_no_laborable', 'respuesta', 'nota_interna', 'notificacion_respuesta', 'alerta_plazo', 'alerta_subsanacion']
           .map((table) => rows(table, 't.entidad_id = ANY ($1::uuid[])'))
           .join(',\n')},
         ${rows('reclamo_persona', 't.reclamo_id IN (SELECT id FROM reclamo WHERE entidad_id = ANY ($1::uuid[]))')},
         ${rows('adjunto', 't.reclamo_id IN (SELECT id FROM reclamo WHERE entidad_id = ANY ($1::uuid[]))')},
         ${rows('token_usuario', 't.usuario_id IN (SELECT id FROM usuario WHERE entidad_id = ANY ($1::uuid[]))')},
         ${rows('accion_mejora', 't.entidad_id = ANY ($1::uuid[])')},
         ${rows('exportacion', 't.entidad_id = ANY ($1::uuid[])')},
         ${['accion_mejora_fase', 'accion_mejora_vinculo', 'accion_mejora_reclamo', 'accion_mejora_actividad', 'accion_mejora_indicador', 'accion_mejora_avance', 'accion_mejora_evidencia']
           .map((table) => rows(table, 't.accion_id IN (SELECT id FROM accion_mejora WHERE entidad_id = ANY ($1::uuid[]))'))
           .join(',\n')}) AS f`,
      [ids],
    );
    return createHash('sha256').update(row.f).digest('hex');
  }

  async function send(who: SignedIn, method: string, probe: Probe): Promise<ApiResponse> {
    if (probe.path.startsWith('/api/')) return api(h, method, probe.path, { cookie: who.cookie, csrf: who.csrfToken, body: probe.body });
    // Pages: HTML, and forms posted as a browser does (the anti-CSRF token in the form).
    const headers: Record<string, string> = { accept: 'text/html', cookie: who.cookie };
    if (probe.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(`${h.baseUrl}${probe.path}`, {
      method,
      headers,
      body: probe.form ? new URLSearchParams({ ...(probe.body as Record<string, string>), _csrf: who.csrfToken }).toString() : undefined,
      redirect: 'manual',
    });
    await response.text();
    return { status: response.status, body: {}, headers: response.headers };
  }

  it('has a rule for every route that takes an id or names an entity', () => {
    const scoped = routeTable(h.app).filter(isScoped);
    const sinRegla = scoped
      .map((r) => `${r.method} ${r.path}`)
      .filter((key, i) => !SOLO_PLATAFORMA.has(key) && !SOLO_ADMINISTRADORES_OCULTO.has(key) && !SIN_ENTIDAD.has(key) && !DEL_REGISTRO.test(scoped[i].path) && probesFor(scoped[i], recursos) === null);
    expect(sinRegla).toEqual([]);
    // The families the issue names are all there.
    for (const family of ['/api/v1/acciones-mejora/:id', '/mejora/:id', '/api/v1/exportaciones/:id', '/exportaciones/:id', '/api/v1/casos/:id', '/api/v1/reclamos/:id/mensajes', '/api/v1/calendario/dias-no-laborables/:id', '/api/v1/personal/:id', '/api/v1/configuracion/:catalogo/:id', '/api/v1/configuracion/plantillas/:id']) {
      expect(scoped.some((r) => r.path.startsWith(family))).toBe(true);
    }
  });

  it("answers 404 to entity B's responsable on every such route for entity A's resource, and changes nothing of A or B", async () => {
    const before = await tenantsHash();
    const wrong: Array<[string, string, number, string]> = [];
    let probes = 0;
    for (const route of routeTable(h.app).filter(isScoped)) {
      const key = `${route.method} ${route.path}`;
      if (SIN_ENTIDAD.has(key)) continue;
      if (DEL_REGISTRO.test(route.path)) {
        // Entity A's own code (and tramo 1): B's responsable may not read or change either.
        const [{ codigo }]: Array<{ codigo: string }> = await h.dataSource.query(`SELECT codigo FROM entidad WHERE id = $1`, [recursos.entidadA]);
        const path = route.path.replace(':codigo', codigo).replace(':numero', '1');
        const body = route.method === 'GET' ? undefined : cuerpoDelRegistro(route.path, codigo);
        const refused = await send(responsableB, route.method, { path, body, codigo: null, form: !path.startsWith('/api/') && route.method !== 'GET' });
        if (refused.status !== 403) wrong.push([key, path, refused.status, String(refused.body.codigo)]);
        continue;
      }
      if (SOLO_ADMINISTRADORES_OCULTO.has(key)) {
        const path = route.path.replace(':cola', 'exportaciones').replace(':id', '1');
        const refused = await send(responsableB, route.method, { path, body: {}, codigo: null, form: true });
        if (refused.status !== 404) wrong.push([key, path, refused.status, String(refused.body.codigo)]);
        continue;
      }
      if (SOLO_PLATAFORMA.has(key)) {
        // A resource that exists (a seeded tramo and entity): the refusal is about the role, not the resource.
        const path = route.path.replace(':id', randomUUID()).replace(':numero', '1').replace(':codigo', 'MINEDU');
        const refused = await send(responsableB, route.method, {
          path,
          body: route.method === 'GET' ? undefined : {},
          codigo: null,
          // A page's form carries its anti-CSRF token, so the refusal is the role's, not the missing token's.
          form: !path.startsWith('/api/') && route.method !== 'GET',
        });
        if (refused.status !== 403) wrong.push([key, path, refused.status, String(refused.body.codigo)]);
        continue;
      }
      for (const probe of probesFor(route, recursos) ?? []) {
        probes += 1;
        const response = await send(responsableB, route.method, probe);
        const ok = response.status === 404 && (probe.codigo === null || response.body.codigo === probe.codigo);
        if (!ok) wrong.push([key, probe.path, response.status, String(response.body.codigo)]);
      }
    }
    expect(wrong).toEqual([]);
    expect(probes).toBeGreaterThanOrEqual(40);
    expect(await tenantsHash()).toBe(before);
  });

  it("the same resources answer A's own responsable (the 404s are about the tenant, not the route)", async () => {
    const get = (path: string) => api(h, 'GET', path, { cookie: responsableA.cookie });
    expect(await get(`/api/v1/casos/${recursos.reclamo}`)).toMatchObject({ status: 200 });
    expect(await get(`/api/v1/reclamos/${recursos.reclamo}/mensajes`)).toMatchObject({ status: 200 });
    expect(await get(`/api/v1/configuracion/plantillas/${recursos.plantilla}`)).toMatchObject({ status: 200, body: { plantilla: { nombre: 'Plantilla de A' } } });
    expect(await get(`/api/v1/configuracion?entidad=${recursos.entidadA}`)).toMatchObject({ status: 200 });
    expect(await get(`/api/v1/personal?entidad=${recursos.entidadA}`)).toMatchObject({ status: 200 });
    expect(await get(`/api/v1/acciones-mejora/${recursos.mejora.accion}`)).toMatchObject({ status: 200, body: { titulo: 'Acción de A' } });
    for (const c of CATALOGOS) {
      const list = await get(`/api/v1/configuracion/${c}`);
      expect((list.body.elementos as Array<{ id: string }>).map((e) => e.id)).toContain(recursos.catalogo[c]);
    }
  });
});
