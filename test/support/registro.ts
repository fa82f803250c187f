import { DataSource } from 'typeorm';
import { rucCheckDigit } from '@app/domain/documents';
import { BackofficeHarness, Json, SignedIn } from './backoffice-harness';
import { uniqueCode } from './db';

/**
 * Helpers of the registry's tests (libs/tramos): valid RUCs and codes no other test holds, CSV files
 * as spreadsheets save them, and the multipart upload of the import.
 */

/** A valid RUC (20…, SUNAT's check digit) from 8 digits. */
export function rucDe(ochoDigitos: number): string {
  const base = `20${String(ochoDigitos).padStart(8, '0')}`;
  return `${base}${rucCheckDigit(base)}`;
}

/**
 * `n` valid RUCs no entity holds now, in a block of the 10^7 numbers after `20<digito>` (each test file
 * passes its own `digito`, so files running at the same time never draw the same ones; earlier runs'
 * are skipped by asking the database).
 */
export async function rucsLibres(dataSource: DataSource, digito: number, n: number): Promise<string[]> {
  const libres: string[] = [];
  let siguiente = digito * 10_000_000 + Math.floor(Math.random() * 9_000_000);
  while (libres.length < n) {
    const candidatos = Array.from({ length: Math.max(100, (n - libres.length) * 2) }, () => rucDe(siguiente++));
    const usados: Array<{ ruc: string }> = await dataSource.query(`SELECT ruc FROM entidad WHERE ruc = ANY($1::text[])`, [candidatos]);
    const tomados = new Set(usados.map((u) => u.ruc));
    libres.push(...candidatos.filter((c) => !tomados.has(c)).slice(0, n - libres.length));
  }
  return libres;
}

/** Codes for one test's entities: a unique batch prefix and a number (`IMLX3K9Z2A7X12`). */
export function codigos(prefijo: string, n: number): string[] {
  const lote = uniqueCode(prefijo).slice(0, 14);
  return Array.from({ length: n }, (_, i) => `${lote}X${i}`);
}

export interface FilaCsv {
  nombre: string;
  codigo: string;
  ruc: string;
  tipo: string;
  nivel_gobierno: string;
  sector: string;
  ubigeo: string;
  tramo: string;
}

export const ENCABEZADO_CSV: Array<keyof FilaCsv> = ['nombre', 'codigo', 'ruc', 'tipo', 'nivel_gobierno', 'sector', 'ubigeo', 'tramo'];

/** A CSV as a spreadsheet saves it: quotes where needed, `sep` between fields, CRLF, optionally a BOM. */
export function csvDe(filas: FilaCsv[], opciones: { sep?: ',' | ';'; bom?: boolean } = {}): Buffer {
  const sep = opciones.sep ?? ',';
  const celda = (v: string) => (v.includes(sep) || v.includes('"') || /[\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lineas = [ENCABEZADO_CSV.join(sep), ...filas.map((f) => ENCABEZADO_CSV.map((k) => celda(f[k])).join(sep))];
  return Buffer.concat([Buffer.from(opciones.bom ? '\uFEFF' : ''), Buffer.from(`${lineas.join('\r\n')}\r\n`, 'utf8')]);
}

/** `n` valid rows of municipalities (tramo by kind), with this test's codes and RUCs. */
export async function filasValidas(dataSource: DataSource, digito: number, n: number, prefijo = 'IM'): Promise<FilaCsv[]> {
  const rucs = await rucsLibres(dataSource, digito, n);
  return codigos(prefijo, n).map((codigo, i) => ({
    nombre: `Municipalidad Distrital de Prueba ${codigo}, Lima`,
    codigo,
    ruc: rucs[i],
    tipo: 'municipalidad_distrital',
    nivel_gobierno: 'local',
    sector: 'Gobiernos locales',
    ubigeo: '150101',
    tramo: '',
  }));
}

/** Posts a CSV to a multipart route as a browser or a client does (API: header token; page: `_csrf` field first). */
export async function enviarCsv(
  h: BackofficeHarness,
  path: string,
  sesion: SignedIn,
  archivo: Buffer,
  opciones: { pagina?: boolean; campos?: Record<string, string>; nombre?: string } = {},
): Promise<{ status: number; body: Json; texto: string; headers: Headers }> {
  const form = new FormData();
  if (opciones.pagina) form.append('_csrf', sesion.csrfToken);
  for (const [k, v] of Object.entries(opciones.campos ?? {})) form.append(k, v);
  form.append('archivo', new Blob([archivo], { type: 'text/csv' }), opciones.nombre ?? 'entidades.csv');
  const headers: Record<string, string> = { cookie: sesion.cookie, accept: opciones.pagina ? 'text/html' : 'application/json' };
  if (!opciones.pagina) headers['x-csrf-token'] = sesion.csrfToken;
  const response = await fetch(`${h.baseUrl}${path}`, { method: 'POST', headers, body: form, redirect: 'manual' });
  const texto = await response.text();
  let body: Json = {};
  if ((response.headers.get('content-type') ?? '').includes('json') && texto) body = JSON.parse(texto) as Json;
  return { status: response.status, body, texto, headers: response.headers };
}

/** How many entities hold one of these codes: "nothing was written" is this staying at 0. */
export async function entidadesConCodigos(dataSource: DataSource, lista: string[]): Promise<number> {
  const [{ n }]: Array<{ n: number }> = await dataSource.query(`SELECT count(*)::int AS n FROM entidad WHERE codigo = ANY($1::text[])`, [lista]);
  return n;
}

/** Rows of the registry's trail written by this actor. */
export async function auditoriaDe(dataSource: DataSource, actorId: string): Promise<Array<{ accion: string; entidad_id: string | null; tramo_id: number | null; detalle: Json; ip: string | null }>> {
  return dataSource.query(`SELECT accion, entidad_id, tramo_id, detalle, ip FROM auditoria_registro WHERE actor_id = $1 ORDER BY id`, [actorId]);
}
