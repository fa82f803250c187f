import { hash } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RolUsuario } from '@app/domain';
import { BackofficeModule } from '../../apps/backoffice/src/backoffice.module';
import { BACKOFFICE_APP_OPTIONS } from '../../apps/backoffice/src/backoffice-app';
import { HarnessOptions, HttpHarness, startHttpApp } from './http-harness';

export type BackofficeHarness = HttpHarness;

/** The real back-office app on a free port, against the test database and Redis, with a clock the test sets. */
export function startBackofficeApp(now = new Date(), options: HarnessOptions = {}): Promise<BackofficeHarness> {
  return startHttpApp(BackofficeModule, BACKOFFICE_APP_OPTIONS, now, options);
}

export const TEST_PASSWORD = 'clave-de-prueba-2026';

export interface TestStaff {
  id: string;
  email: string;
  nombre: string;
  password: string;
}

/** An active staff account of its own (unique e-mail), so a test may lock or deactivate it freely. */
export async function createTestStaff(
  dataSource: DataSource,
  command: { rol: RolUsuario; entidadId: string | null; password?: string },
): Promise<TestStaff> {
  const email = `prueba.${command.rol}.${randomUUID().slice(0, 8)}@pruebas.gob.pe`;
  const nombre = `Persona de prueba (${command.rol})`;
  const password = command.password ?? TEST_PASSWORD;
  const [row]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO usuario (entidad_id, email, nombre, rol, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [command.entidadId, email, nombre, command.rol, await hash(password)],
  );
  return { id: row.id, email, nombre, password };
}

/** Response bodies as tests read them: assertions check the shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export interface ApiResponse {
  status: number;
  body: Json;
  headers: Headers;
}

export interface SignedIn extends ApiResponse {
  /** `sesion=…` as the browser sends it back. */
  cookie: string;
  csrfToken: string;
}

/** The session cookie a response set, as a Cookie header value. */
export function sessionCookieOf(response: Response): string | null {
  const set = response.headers.getSetCookie().find((c) => c.startsWith('sesion='));
  return set ? set.split(';')[0] : null;
}

export async function api(
  h: BackofficeHarness,
  method: string,
  path: string,
  options: { cookie?: string; csrf?: string; body?: unknown } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.cookie) headers.cookie = options.cookie;
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  const response = await fetch(`${h.baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    redirect: 'manual',
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {}, headers: response.headers };
}

/** Signs in through the API: the cookie to send back and the token for `x-csrf-token`. */
export async function signIn(h: BackofficeHarness, email: string, password: string): Promise<SignedIn> {
  const response = await fetch(`${h.baseUrl}/api/v1/sesion`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as Json;
  return { status: response.status, body, headers: response.headers, cookie: sessionCookieOf(response) ?? '', csrfToken: String(body.csrfToken ?? '') };
}

/** Posts a urlencoded page form, as a browser without JavaScript does. */
export async function postForm(
  h: BackofficeHarness,
  path: string,
  fields: Record<string, string>,
  cookie?: string,
): Promise<{ status: number; html: string; location: string | null; cookie: string | null }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
  if (cookie) headers.cookie = cookie;
  const response = await fetch(`${h.baseUrl}${path}`, { method: 'POST', headers, body: new URLSearchParams(fields).toString(), redirect: 'manual' });
  return { status: response.status, html: await response.text(), location: response.headers.get('location'), cookie: sessionCookieOf(response) };
}

export async function getPage(h: BackofficeHarness, path: string, cookie?: string): Promise<{ status: number; html: string; location: string | null }> {
  const headers: Record<string, string> = { accept: 'text/html' };
  if (cookie) headers.cookie = cookie;
  const response = await fetch(`${h.baseUrl}${path}`, { headers, redirect: 'manual' });
  return { status: response.status, html: await response.text(), location: response.headers.get('location') };
}

/** The token of the latest outbox message of this kind to this address (what the e-mail's link carries). */
export async function tokenFromOutbox(dataSource: DataSource, tipo: string, destinatario: string): Promise<string> {
  const [row]: Array<{ datos: { enlace: string } }> = await dataSource.query(
    `SELECT datos FROM outbox WHERE tipo = $1 AND destinatario = $2 ORDER BY created_at DESC, id DESC LIMIT 1`,
    [tipo, destinatario],
  );
  if (!row) throw new Error(`No hay mensaje ${tipo} para ${destinatario}`);
  return new URL(row.datos.enlace).searchParams.get('token') ?? '';
}
