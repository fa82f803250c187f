import { hash } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IsoDate } from '@app/calendar';
import { rucCheckDigit } from '@app/domain/documents';
import { ReconstruirCifrasUseCase } from '@app/medicion';
import { SystemClock } from '@app/platform/clock';
import { CalendarRepository } from '@app/plazos';
import { StaffUser } from '@app/staff';
import { AttachmentStorage } from '@app/storage';
import { DesignarResponsablesUseCase, ImportarEntidadesUseCase, RegistroTransaction } from '@app/tramos';
import { Azar, semillaDe } from '../historial/azar';
import { cargarHistorial } from '../historial/historial';
import { EntidadAdopcion, TRAMO_I, TRAMO_II, TRAMO_III, TRAMO_IV, TRAMO_V } from './entidades';
import {
  PlanEntidad,
  planificarTramo,
  reclamosDesdeApertura,
  Reparto,
  REPARTO_TRAMO_I,
  REPARTO_TRAMO_II,
  REPARTO_TRAMO_III,
  REPARTO_TRAMO_IV,
  REPARTO_TRAMO_V,
} from './historia';

/**
 * The rollout demo (issue #12): the SGP's Tramo I of June 2021 and tramos II–V at earlier stages, loaded
 * through the platform's own writers so that every state, date and figure on the coordinators' console
 * is derived from rows, as it is for a real entity:
 *
 * - the entities by the registry's CSV import (`ImportarEntidadesUseCase`: its checks, its trail row);
 * - each oficio by `DesignarResponsablesUseCase` (its date is the oficio's, as the coordinator types it);
 * - the responsables', officers' accounts and the catalogues as the rows the staff and configuration
 *   pages write, dated on the plan's day (`created_at`), which is what the console reads for those steps
 *   (those writers stamp `now()`; a demo of 2021 needs 2021 dates). Accounts have a password nobody
 *   knows (an argon2 hash of random bytes thrown away): they exist to be counted, not to sign in;
 * - the reclamos of each opened book by `seed:historial`'s writers (the expediente's bulk writers: events,
 *   audit chain, answers, notifications), from the book's opening day to yesterday; then those entities'
 *   figures rebuilt (the console's last step, a first answer within the term, is read from them).
 *
 * Idempotent: entities, oficios, accounts and catalogues that exist are left as they are, and the
 * history marks each entity it loaded; a second run writes nothing.
 */

export interface OpcionesAdopcion {
  /** Last Lima date of the histories (yesterday). */
  readonly hasta: IsoDate;
  readonly storage: AttachmentStorage;
  /** MESSAGE_ID_DOMAIN, for the histories' delivered e-mails. */
  readonly dominioMensajes: string;
  /** Scales the number of reclamos (1 for the demo; tests load fewer). */
  readonly escala?: number;
  /**
   * Appended to every code, name and e-mail: the tests load the demo beside other tests' rows (and into
   * tramos of their own, `tramos`) without touching the demo's codes.
   */
  readonly sufijo?: string;
  /** The tramo number each list goes to; by default 1 to 5, the seeded tramos. */
  readonly tramos?: Readonly<Record<NumeroLista, number>>;
  readonly semilla?: number;
  readonly progreso?: (linea: string) => void;
}

type NumeroLista = 1 | 2 | 3 | 4 | 5;
const LISTAS: ReadonlyArray<readonly [NumeroLista, readonly EntidadAdopcion[], Reparto]> = [
  [1, TRAMO_I, REPARTO_TRAMO_I],
  [2, TRAMO_II, REPARTO_TRAMO_II],
  [3, TRAMO_III, REPARTO_TRAMO_III],
  [4, TRAMO_IV, REPARTO_TRAMO_IV],
  [5, TRAMO_V, REPARTO_TRAMO_V],
];

export interface ResumenAdopcion {
  /** Entities the registry import created in this run. */
  readonly entidadesCreadas: number;
  readonly designaciones: number;
  readonly cuentas: number;
  readonly reclamos: number;
  /** Ids of the entities whose history (reclamos) this run loaded (and whose figures it rebuilt). */
  readonly conHistorial: string[];
  /** The plan, by tramo number, with the entities' final codes. */
  readonly plan: ReadonlyArray<{ tramo: number; entidades: PlanEntidad[] }>;
}

export async function cargarAdopcion(dataSource: DataSource, o: OpcionesAdopcion): Promise<ResumenAdopcion> {
  const progreso = o.progreso ?? (() => undefined);
  const sufijo = o.sufijo ?? '';
  const semilla = o.semilla ?? 2021;
  const actor = await coordinador(dataSource);
  const registro = new RegistroTransaction(dataSource, new SystemClock());

  const inicioDe: Array<{ id: number; fecha_inicio: IsoDate }> = await dataSource.query(`SELECT id, fecha_inicio::text FROM tramo`);
  const plan = LISTAS.map(([lista, entidades, reparto]) => {
    const tramo = o.tramos?.[lista] ?? lista;
    const inicio = inicioDe.find((t) => t.id === tramo)?.fecha_inicio;
    if (!inicio) throw new Error(`No existe el tramo ${tramo}: cargue primero la semilla (npm run seed).`);
    const propias = entidades.map((e) => ({ ...e, codigo: `${e.codigo}${sufijo}`, nombre: sufijo ? `${e.nombre} (${sufijo})` : e.nombre }));
    return { tramo, entidades: planificarTramo(propias, reparto, inicio, o.hasta, semilla + lista) };
  });

  // 1. The registry: one CSV, imported as an administrator would (all or nothing, with its trail row).
  const todas = plan.flatMap((p) => p.entidades.map((e) => ({ ...e.entidad, tramo: p.tramo })));
  const codigos = todas.map((e) => e.codigo);
  const filasDe = <T>(sql: string): Promise<T[]> => dataSource.query<T[]>(sql, [codigos]);
  const existentes = new Set((await filasDe<{ codigo: string }>(`SELECT codigo FROM entidad WHERE codigo = ANY ($1::text[])`)).map((r) => r.codigo));
  const nuevas = todas.filter((e) => !existentes.has(e.codigo));
  let entidadesCreadas = 0;
  if (nuevas.length > 0) {
    const importacion = await new ImportarEntidadesUseCase(dataSource, registro).execute({ actor, ip: null, archivo: csvDe(nuevas), simular: false });
    if (importacion.errores.length > 0) {
      const primeros = importacion.errores.slice(0, 5).map((e) => `fila ${e.fila ?? '-'}, ${e.columna ?? e.campo}: ${e.mensaje}`);
      throw new Error(`La importación de las entidades de la demo fue rechazada: ${primeros.join('; ')}`);
    }
    entidadesCreadas = importacion.creadas;
  }
  progreso(`${entidadesCreadas} entidades registradas por la importación (${todas.length - nuevas.length} ya estaban)`);

  const ids = new Map((await filasDe<{ codigo: string; id: string }>(`SELECT codigo, id FROM entidad WHERE codigo = ANY ($1::text[])`)).map((r) => [r.codigo, r.id]));
  const pasos = plan.flatMap((p) => p.entidades);

  // 2. The oficios of designation, as the coordinator registers them.
  const designar = new DesignarResponsablesUseCase(registro);
  const conOficio = new Set(
    (await filasDe<{ codigo: string }>(`SELECT DISTINCT e.codigo FROM designacion_responsables d JOIN entidad e ON e.id = d.entidad_id WHERE e.codigo = ANY ($1::text[])`)).map(
      (r) => r.codigo,
    ),
  );
  let designaciones = 0;
  for (const p of pasos) {
    if (p.designacion === null || conOficio.has(p.entidad.codigo)) continue;
    const personas = responsablesDe(p.entidad.codigo);
    await designar.execute({
      actor,
      ip: null,
      codigo: p.entidad.codigo,
      datos: {
        oficioNumero: `Oficio N° ${String(100 + (semillaDe(p.entidad.codigo) % 800)).padStart(3, '0')}-${p.designacion.slice(0, 4)}-${p.entidad.codigo.slice(0, 12)}`,
        oficioFecha: p.designacion,
        titularNombre: personas.titular.nombre,
        titularEmail: personas.titular.email,
        alternoNombre: personas.alterno.nombre,
        alternoEmail: personas.alterno.email,
      },
    });
    designaciones += 1;
  }
  progreso(`${designaciones} oficios de designación registrados`);

  // 3. Accounts and catalogues, dated on the plan's days.
  const cuentas = await cuentasYCatalogos(dataSource, pasos, ids);
  progreso(`${cuentas} cuentas de responsables y oficiales activas; sedes, unidades y servicios configurados`);

  // 4. The reclamos of every book opened, from its first day to yesterday.
  const abiertas = pasos.filter((p) => p.apertura !== null);
  const historial = await cargarHistorial(dataSource, {
    hasta: o.hasta,
    entidades: abiertas.map((p) => ({
      codigo: p.entidad.codigo,
      desde: p.apertura!,
      reclamos: reclamosDesdeApertura(p.entidad, p.apertura!, o.hasta, o.escala ?? 1),
    })),
    semilla,
    dominioMensajes: o.dominioMensajes,
    storage: o.storage,
    progreso,
  });
  const conHistorial = historial.cargadas.map((codigo) => ids.get(codigo)!);
  if (conHistorial.length > 0) {
    const cifras = await new ReconstruirCifrasUseCase(dataSource, new CalendarRepository(dataSource)).execute({ entidadIds: conHistorial });
    progreso(`cifras reconstruidas de ${cifras.entidades} entidades`);
  }
  return {
    entidadesCreadas,
    designaciones,
    cuentas,
    reclamos: historial.reclamos,
    conHistorial,
    plan,
  };
}

/** The registry's writes need a coordinator or administrator: the seed's first coordinator. */
async function coordinador(dataSource: DataSource): Promise<StaffUser> {
  const [fila]: Array<{ id: string; email: string; nombre: string }> = await dataSource.query(
    `SELECT id, email, nombre FROM usuario WHERE rol = 'coordinador' AND activo ORDER BY created_at, email LIMIT 1`,
  );
  if (!fila) throw new Error('No hay una cuenta de coordinación activa: cargue primero la semilla (npm run seed).');
  return { ...fila, rol: 'coordinador', entidadId: null };
}

/**
 * The registry's import file. RUCs are made up: 20 (persona jurídica), 6, eight digits from the code and
 * SUNAT's check digit; unique among the rows and, being in the 206 block, unlike the seed's real ones.
 */
function csvDe(entidades: ReadonlyArray<EntidadAdopcion & { tramo: number }>): Uint8Array {
  const usados = new Set<string>();
  const ruc = (codigo: string) => {
    for (let n = semillaDe(codigo) % 100_000_000; ; n = (n + 1) % 100_000_000) {
      const diez = `206${String(n).padStart(7, '0').slice(0, 7)}`;
      const completo = `${diez}${rucCheckDigit(diez)}`;
      if (!usados.has(completo)) {
        usados.add(completo);
        return completo;
      }
    }
  };
  const campo = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const nivel = (tipo: string) =>
    tipo === 'gobierno_regional' ? 'regional' : tipo === 'municipalidad_provincial' || tipo === 'municipalidad_distrital' ? 'local' : 'nacional';
  const filas = entidades.map((e) => [e.nombre, e.codigo, ruc(e.codigo), e.tipo, nivel(e.tipo), e.sector, e.ubigeo, String(e.tramo)].map(campo).join(','));
  return Buffer.from(['nombre,codigo,ruc,tipo,nivel_gobierno,sector,ubigeo,tramo', ...filas].join('\r\n'), 'utf8');
}

const NOMBRES = ['Rosa', 'Carmen', 'Ana', 'Elena', 'Julia', 'Gloria', 'Milagros', 'Jorge', 'Luis', 'Carlos', 'Miguel', 'Víctor', 'César', 'Raúl'];
const APELLIDOS = ['Ejemplo', 'Ficticio', 'Muestra', 'Modelo', 'Simulado', 'Ensayo'];

/** The fictitious responsables of an entity, named like the history's citizens («Ejemplo», «Ficticio»…). */
function responsablesDe(codigo: string): Record<'titular' | 'alterno', { nombre: string; email: string }> {
  const azar = new Azar(semillaDe(codigo, 7));
  const persona = (cargo: 'titular' | 'alterno') => ({
    nombre: `${azar.elegir(NOMBRES)} ${azar.elegir(APELLIDOS)} ${azar.elegir(APELLIDOS)}`,
    email: `${cargo}@${codigo.toLowerCase()}.adopcion.demo.gob.pe`,
  });
  return { titular: persona('titular'), alterno: persona('alterno') };
}

/** Lima noon of a plan's day, as a `created_at`. */
const mediodia = (dia: IsoDate) => `${dia}T12:00:00-05:00`;

/**
 * The responsables' and officers' accounts and the catalogues of every entity that reached those steps,
 * in one statement per table, `created_at` on the plan's day. Existing rows (by e-mail, by entity and name)
 * are kept. An entity that stopped at its accounts has its main sede only: it was still configuring.
 */
async function cuentasYCatalogos(dataSource: DataSource, pasos: readonly PlanEntidad[], ids: ReadonlyMap<string, string>): Promise<number> {
  const sinClave = await hash(randomBytes(32));
  const usuarios: Array<[string, string, string, string, string]> = [];
  const sedes: Array<[string, string, string, string, string]> = [];
  const unidades: Array<[string, string, string]> = [];
  const servicios: Array<[string, string, string]> = [];
  for (const p of pasos) {
    const id = ids.get(p.entidad.codigo)!;
    const codigo = p.entidad.codigo.toLowerCase();
    if (p.cuentas) {
      const r = responsablesDe(p.entidad.codigo);
      usuarios.push([id, r.titular.email, r.titular.nombre, 'responsable_titular', mediodia(p.cuentas)]);
      usuarios.push([id, r.alterno.email, r.alterno.nombre, 'responsable_alterno', mediodia(p.cuentas)]);
      if (!p.catalogos) sedes.push([id, 'Sede central', 'Dirección de la sede central', p.entidad.ubigeo, mediodia(p.cuentas)]);
    }
    if (p.catalogos) {
      sedes.push([id, 'Sede central', 'Dirección de la sede central', p.entidad.ubigeo, mediodia(p.catalogos)]);
      unidades.push([id, 'Oficina de Atención al Ciudadano', mediodia(p.catalogos)]);
      unidades.push([id, 'Oficina General de Administración', mediodia(p.catalogos)]);
      servicios.push([id, 'Mesa de partes', mediodia(p.catalogos)]);
      servicios.push([id, 'Orientación al ciudadano', mediodia(p.catalogos)]);
    }
    if (p.oficiales) {
      usuarios.push([id, `oficial1@${codigo}.adopcion.demo.gob.pe`, 'Oficial de atención 1 (demostración)', 'oficial', mediodia(p.oficiales)]);
      usuarios.push([id, `oficial2@${codigo}.adopcion.demo.gob.pe`, 'Oficial de atención 2 (demostración)', 'oficial', mediodia(p.oficiales)]);
    }
  }
  const columna = <T extends unknown[]>(filas: T[], i: number) => filas.map((f) => f[i]);
  return dataSource.transaction(async (m) => {
    const creadas: unknown[] = await m.query(
      `INSERT INTO usuario (entidad_id, email, nombre, rol, password_hash, activo, created_at, updated_at)
       SELECT e, email, nombre, rol, $6, true, c, c FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS t(e, email, nombre, rol, c)
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
      [0, 1, 2, 3, 4].map((i) => columna(usuarios, i)).concat([sinClave]),
    );
    await m.query(
      `INSERT INTO sede (entidad_id, nombre, direccion, ubigeo, created_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::char(6)[], $5::timestamptz[]) ON CONFLICT (entidad_id, nombre) DO NOTHING`,
      [0, 1, 2, 3, 4].map((i) => columna(sedes, i)),
    );
    for (const [tabla, filas] of [['unidad_organica', unidades], ['servicio', servicios]] as const) {
      await m.query(
        `INSERT INTO ${tabla} (entidad_id, nombre, created_at)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) ON CONFLICT (entidad_id, nombre) DO NOTHING`,
        [0, 1, 2].map((i) => columna(filas, i)),
      );
    }
    return creadas.length;
  });
}
