import { addDays, IsoDate } from '@app/calendar';
import { Azar, semillaDe } from '../historial/azar';
import { EntidadAdopcion } from './entidades';

/**
 * How far each entity of the adoption demo got, and when: a pure plan, written by `adopcion.ts` through
 * the platform's own writers. The console then DERIVES every state from those rows; nothing here is a
 * state the console reads.
 *
 * Steps happen in the checklist's order (libs/adopcion/src/reglas/adopcion.ts), a few days to weeks apart,
 * from the tramo's start: the oficio designating the responsables, their accounts, the catalogues (sede,
 * unidad, servicio), the officers' accounts, the book's opening (its first reclamo), and a first answer
 * notified within the term — the last one is never planned: it comes from the cases' own history.
 */

/** Steps an entity reaches before it stops, counted in the checklist's order. */
export type Alcance =
  /** Every step: the book opens and answers on time (implementado once one answer is notified within the term). */
  | 'completo'
  /** Everything but the officers (the responsables answer themselves): en proceso with reclamos. */
  | 'sin_oficiales'
  /** Designation, accounts, catalogues and officers; the link is not published yet. */
  | 'hasta_oficiales'
  | 'hasta_catalogos'
  | 'hasta_cuentas'
  | 'hasta_designacion'
  /** Nothing yet: no iniciado. */
  | 'nada';

export interface PlanEntidad {
  readonly entidad: EntidadAdopcion;
  readonly alcance: Alcance;
  /** Lima date of each step the plan reaches (null: not reached). */
  readonly designacion: IsoDate | null;
  readonly cuentas: IsoDate | null;
  /** Only a sede by this date when the entity stops before its catalogues are complete. */
  readonly catalogos: IsoDate | null;
  readonly oficiales: IsoDate | null;
  /** The first day of its book (its history of reclamos starts here). */
  readonly apertura: IsoDate | null;
}

/** How many entities of a list reach each `Alcance`, in the list's (shuffled) order. */
export type Reparto = Readonly<Partial<Record<Alcance, number>>>;

/**
 * Tramo I as the SGP reported it in June 2021 (43 at 100 %, 64 in process): with the seed's 17 (in
 * process: no oficio of designation is registered for them), 43 + 47 of these 90 make 43 and 64.
 */
export const REPARTO_TRAMO_I: Reparto = { completo: 43, sin_oficiales: 7, hasta_oficiales: 10, hasta_catalogos: 12, hasta_cuentas: 10, hasta_designacion: 8 };
/** The later tramos at earlier stages. */
export const REPARTO_TRAMO_II: Reparto = { completo: 7, sin_oficiales: 2, hasta_oficiales: 2, hasta_catalogos: 2, hasta_cuentas: 2, hasta_designacion: 1, nada: 4 };
export const REPARTO_TRAMO_III: Reparto = { completo: 4, sin_oficiales: 1, hasta_oficiales: 2, hasta_catalogos: 2, hasta_cuentas: 2, hasta_designacion: 1, nada: 5 };
export const REPARTO_TRAMO_IV: Reparto = { completo: 3, hasta_oficiales: 2, hasta_catalogos: 2, hasta_cuentas: 2, hasta_designacion: 1, nada: 10 };
export const REPARTO_TRAMO_V: Reparto = { completo: 2, hasta_oficiales: 1, hasta_catalogos: 1, hasta_cuentas: 1, hasta_designacion: 1, nada: 7 };

const ORDEN: readonly Alcance[] = ['completo', 'sin_oficiales', 'hasta_oficiales', 'hasta_catalogos', 'hasta_cuentas', 'hasta_designacion', 'nada'];

/**
 * Plans a tramo's entities from the tramo's start (`inicio`, Lima). The entities are shuffled by `semilla`
 * (so the implementados are not simply the first of the list) and dealt out by `reparto`, which must
 * add up to the list's length. Dates are never after `hasta` (yesterday): a step that would fall later
 * is not reached yet.
 */
export function planificarTramo(entidades: readonly EntidadAdopcion[], reparto: Reparto, inicio: IsoDate, hasta: IsoDate, semilla: number): PlanEntidad[] {
  const total = ORDEN.reduce((n, a) => n + (reparto[a] ?? 0), 0);
  if (total !== entidades.length) throw new Error(`El reparto suma ${total} entidades y la lista tiene ${entidades.length}.`);
  const azar = new Azar(semilla);
  const barajadas = [...entidades];
  for (let i = barajadas.length - 1; i > 0; i--) {
    const j = azar.entero(0, i);
    [barajadas[i], barajadas[j]] = [barajadas[j], barajadas[i]];
  }
  const alcances = ORDEN.flatMap((a) => Array.from({ length: reparto[a] ?? 0 }, () => a));
  return barajadas.map((entidad, i) => planificarEntidad(entidad, alcances[i], inicio, hasta, semilla));
}

function planificarEntidad(entidad: EntidadAdopcion, alcance: Alcance, inicio: IsoDate, hasta: IsoDate, semilla: number): PlanEntidad {
  const azar = new Azar(semillaDe(entidad.codigo, semilla));
  const nivel = ORDEN.length - 1 - ORDEN.indexOf(alcance); // completo 6 … nada 0
  const hasta_ = (fecha: IsoDate | null) => (fecha !== null && fecha <= hasta ? fecha : null);
  // The implementados moved fastest: their book opens within about four months of the tramo's start.
  const rapido = alcance === 'completo';
  const designacion = hasta_(nivel >= 1 ? addDays(inicio, azar.entero(0, rapido ? 40 : 75)) : null);
  const cuentas = hasta_(nivel >= 2 && designacion ? addDays(designacion, azar.entero(5, rapido ? 20 : 45)) : null);
  const catalogos = hasta_(nivel >= 3 && cuentas ? addDays(cuentas, azar.entero(3, rapido ? 18 : 40)) : null);
  const oficiales = hasta_(nivel >= 4 && catalogos && alcance !== 'sin_oficiales' ? addDays(catalogos, azar.entero(1, 12)) : null);
  const apertura = hasta_(nivel >= 5 && catalogos ? addDays(oficiales ?? catalogos, azar.entero(3, 20)) : null);
  return { entidad, alcance, designacion, cuentas, catalogos, oficiales, apertura };
}

/**
 * Reclamos over an entity's history since its book opened: a modest, steady flow by kind of entity
 * (the demo's main entities have the year of `seed:historial`), scaled by `escala`, never fewer than 12 × escala
 * (at scale 1, enough for a first answer within the term and for the ranking's minimum of answers).
 */
export function reclamosDesdeApertura(entidad: EntidadAdopcion, apertura: IsoDate, hasta: IsoDate, escala: number): number {
  const porAnio: Readonly<Record<string, number>> = {
    ministerio: 22,
    organismo_publico: 18,
    ffaa_policia: 15,
    gobierno_regional: 16,
    municipalidad_provincial: 16,
    municipalidad_distrital: 14,
    universidad: 12,
    empresa_estado: 14,
  };
  const anios = (Date.parse(hasta) - Date.parse(apertura)) / (365.25 * 86_400_000);
  const variacion = 0.7 + (semillaDe(entidad.codigo) % 1000) / 1666;
  return Math.max(Math.ceil(12 * escala), Math.round((porAnio[entidad.tipo] ?? 14) * variacion * anios * escala));
}
