import { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { DataSource, EntityManager } from 'typeorm';
import { addDays, IsoDate } from '@app/calendar';
import { ACTOR_SISTEMA, AuditTrail } from '@app/expediente';
import { CalendarRepository, scopeOfEntidad } from '@app/plazos';
import { AttachmentStorage, StoredObject } from '@app/storage';
import { ConteoHistorial, escribirHistorial } from './escritor';
import { EntidadHistorial, PersonalHistorial, planificarHistorial } from './plan';

/**
 * The demo's history of reclamos: about a year of realistic cases for the given entities, planned by
 * `plan.ts` and written by `escritor.ts` in ONE transaction, so a history is there whole or not at all.
 *
 * Idempotent: each entity's history ends with an audit entry `historial_demo_cargado` in its own hash
 * chain (the chain is append-only, so it also tells anyone auditing the entity that its cases before that
 * entry are demo data); an entity that has it is skipped, so a second run adds nothing. Runs are
 * serialised by an advisory lock.
 */

export interface OpcionesHistorial {
  /** Last Lima date of the history (yesterday, for the demo); it covers the 365 days up to it. */
  readonly hasta: IsoDate;
  /**
   * The entities (by code) and how many reclamos each receives over its history: the year up to `hasta`,
   * or from its own `desde` (the day its book opened). Unknown codes are skipped.
   */
  readonly entidades: ReadonlyArray<{ readonly codigo: string; readonly reclamos: number; readonly desde?: IsoDate }>;
  readonly semilla?: number;
  /** MESSAGE_ID_DOMAIN (the Message-ID of the history's delivered e-mails). */
  readonly dominioMensajes: string;
  /** Where the one demo scan (physical sheets, proofs of postal delivery) is stored. */
  readonly storage: AttachmentStorage;
  readonly progreso?: (linea: string) => void;
}

export interface ResumenHistorial extends ConteoHistorial {
  /** Codes of the entities whose history this run wrote. */
  readonly cargadas: string[];
  /** Codes of the entities that already had one. */
  readonly yaCargadas: string[];
}

export const ACCION_HISTORIAL = 'historial_demo_cargado';
const CANDADO = 'libro-reclamaciones:historial-demo';

export async function cargarHistorial(dataSource: DataSource, o: OpcionesHistorial): Promise<ResumenHistorial> {
  const progreso = o.progreso ?? (() => undefined);
  const calendar = await new CalendarRepository(dataSource).current();
  const semilla = o.semilla ?? 2026;
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [CANDADO]);
    const filas: Array<Omit<EntidadHistorial, 'sedes' | 'unidades' | 'servicios' | 'responsables' | 'oficiales' | 'reclamos'> & { cargada: boolean }> =
      await manager.query(
        `SELECT e.id, e.codigo, e.ubigeo, e.tipo, e.sector, e.plazo_respuesta_dias AS plazo, e.aprobacion_requerida AS "aprobacionRequerida",
                e.subsanacion_pausa_plazo AS "pausaPlazo",
                EXISTS (SELECT 1 FROM auditoria a WHERE a.entidad_id = e.id AND a.accion = $2) AS cargada
           FROM entidad e WHERE e.codigo = ANY ($1::text[]) AND e.activo ORDER BY e.codigo`,
        [o.entidades.map((e) => e.codigo), ACCION_HISTORIAL],
      );
    const yaCargadas = filas.filter((f) => f.cargada).map((f) => f.codigo);
    const pendientes = filas.filter((f) => !f.cargada);
    const vacio = { cargadas: [], yaCargadas, reclamos: 0, eventos: 0, auditorias: 0, mensajes: 0, respuestas: 0, notificaciones: 0, encuestas: 0 };
    if (pendientes.length === 0) return vacio;

    const entidades: EntidadHistorial[] = [];
    for (const f of pendientes) {
      const { reclamos, desde } = o.entidades.find((e) => e.codigo === f.codigo)!;
      entidades.push({ ...f, reclamos, ...(desde ? { desde } : {}), ...(await catalogos(manager, f.id)), ...(await personal(manager, f)) });
    }
    const unAnio = addDays(o.hasta, -364);
    const desde = entidades.reduce((min, e) => (e.desde !== undefined && e.desde < min ? e.desde : min), unAnio);
    progreso(`planificando del ${desde} al ${o.hasta} (fechas de Lima) para ${entidades.length} entidades…`);
    const inicio = Date.now();
    const casos = planificarHistorial(entidades, { hasta: o.hasta, calendar, scopeOf: scopeOfEntidad, semilla });
    progreso(`${casos.length} reclamos planificados en ${((Date.now() - inicio) / 1000).toFixed(1)} s; escribiendo…`);

    const escaneo = await guardarEscaneo(o.storage);
    const auditTrail = new AuditTrail();
    const conteo = await escribirHistorial(manager, casos, { auditTrail, escaneo, dominioMensajes: o.dominioMensajes, progreso });
    const ahora = new Date();
    await auditTrail.appendMany(
      manager,
      entidades.map((e) => ({
        entidadId: e.id,
        reclamoId: null,
        actor: ACTOR_SISTEMA,
        ip: null,
        accion: ACCION_HISTORIAL,
        detalle: { desde: e.desde ?? unAnio, hasta: o.hasta, reclamos: casos.filter((c) => c.entidad.id === e.id).length, semilla },
        ocurridoEn: ahora,
      })),
    );
    return { ...conteo, cargadas: entidades.map((e) => e.codigo), yaCargadas };
  });
}

async function catalogos(manager: EntityManager, entidadId: string): Promise<Pick<EntidadHistorial, 'sedes' | 'unidades' | 'servicios'>> {
  // The main sede and the citizen-service unit first: the plan sends them the most cases.
  const filas = (tabla: string, principal: string, extra = '') =>
    manager.query(`SELECT id, nombre${extra} FROM ${tabla} WHERE entidad_id = $1 AND activo ORDER BY (nombre ~* $2) DESC, nombre`, [entidadId, principal]);
  const sedes = await filas('sede', '(central|principal)', ', ubigeo');
  const unidades = await filas('unidad_organica', '(atenci[oó]n|reclamos|tr[aá]mite)');
  const servicios = await filas('servicio', '(ventanilla|mesa de partes)');
  if (sedes.length === 0 || unidades.length === 0 || servicios.length === 0) {
    throw new Error(`La entidad ${entidadId} necesita al menos una sede, una unidad orgánica y un servicio activos para su historial.`);
  }
  return { sedes, unidades, servicios };
}

/**
 * The entity's active responsables and officers, who act in its history. An entity with none (most demo
 * entities have no demo accounts) gets a responsable and an officer of the history: deactivated accounts
 * with no password, named as such, so nobody signs in as them and the staff page lists them as
 * «desactivado». They are the only `usuario` rows this tool writes.
 */
async function personal(manager: EntityManager, e: { id: string; codigo: string }): Promise<Pick<EntidadHistorial, 'responsables' | 'oficiales'>> {
  const activos: Array<PersonalHistorial & { rol: string }> = await manager.query(
    `SELECT id, rol FROM usuario WHERE entidad_id = $1 AND activo AND rol IN ('responsable_titular', 'responsable_alterno', 'oficial') ORDER BY email`,
    [e.id],
  );
  const responsables = activos.filter((p) => p.rol !== 'oficial');
  const oficiales = activos.filter((p) => p.rol === 'oficial');
  const historico = async (rol: 'responsable_titular' | 'oficial', nombre: string): Promise<PersonalHistorial> => {
    const email = `historial.${rol === 'oficial' ? 'oficial' : 'responsable'}@${e.codigo.toLowerCase()}.demo.gob.pe`;
    await manager.query(
      `INSERT INTO usuario (entidad_id, email, nombre, rol, password_hash, activo, desactivado_en)
       VALUES ($1, $2, $3, $4, NULL, false, now()) ON CONFLICT ((lower(email))) DO NOTHING`,
      [e.id, email, nombre, rol],
    );
    const [fila]: PersonalHistorial[] = await manager.query(`SELECT id, rol FROM usuario WHERE lower(email) = $1 AND entidad_id = $2`, [email, e.id]);
    return fila;
  };
  return {
    responsables: responsables.length > 0 ? responsables : [await historico('responsable_titular', 'Responsable del libro (historial de demostración)')],
    oficiales: oficiales.length > 0 ? oficiales : [await historico('oficial', 'Oficial de atención (historial de demostración)')],
  };
}

/** A one-page PDF that says what it is: the scan every physical sheet and delivery proof of the history shows. */
async function guardarEscaneo(storage: AttachmentStorage): Promise<StoredObject> {
  const doc = new PDFDocument({ size: 'A5', margin: 48, info: { Title: 'Escaneo de demostración' } });
  const partes: Buffer[] = [];
  doc.on('data', (b: Buffer) => partes.push(b));
  const fin = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.fontSize(16).text('Escaneo de demostración', { align: 'center' });
  doc.moveDown().fontSize(11).text('Historial ficticio del Libro de Reclamaciones: esta imagen reemplaza la hoja física o la constancia de entrega de la respuesta.');
  doc.end();
  await fin;
  return storage.save(Readable.from(Buffer.concat(partes)), 20 * 1024 * 1024);
}
