/**
 * What a log line may say about a request or an error: ids and codes, never personal data or
 * secrets (Ley 29733: personal data is shown only to those who handle the case, and log readers
 * are not they). Applied by pino's serializers to every line, and by the error filters to the URL
 * they log.
 *
 * The query string is an allow-list: a parameter not named here keeps its name and loses its value
 * (`documento`, `t`, `token`, `q`, `email`, `nombres`, `telefono`… and any parameter added later,
 * until someone decides it is harmless and adds it here). Bodies are never logged.
 */
const HARMLESS_QUERY = new Set([
  // codes, ids and filters of the inbox and the configuration
  'codigo', 'entidad', 'estado', 'aspecto', 'sedeId', 'unidadId', 'canal', 'asignadoAMi', 'venceEnDias', 'vencidos',
  'orden', 'dir', 'pagina', 'porPagina', 'limite', 'anio', 'aviso',
  // the public due-date calculator
  'desde', 'dias',
  // the figures' period and filters (dates and catalogue ids)
  'hasta', 'servicioId', 'temaId',
  // the coordinators' console: a period (2026, 2026-T1, 2026-03) and filters over entities' public facts
  'periodo', 'tramo', 'sector', 'nivel', 'departamento',
  // an export's page with its self-reload turned off (actualizar=no)
  'actualizar',
]);
const HIDDEN = '[oculto]';
const SECRET_HEADERS = ['cookie', 'authorization', 'x-csrf-token'];
/** Headers that carry a URL (and so maybe a query with a token or a document). */
const URL_HEADERS = ['referer', 'location'];

function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** The URL with the value of every query parameter outside the allow-list replaced by `[oculto]`. */
export function withoutSecretsInUrl(url: string): string {
  const hashAt = url.indexOf('#');
  const withoutHash = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = withoutHash.indexOf('?');
  if (queryAt < 0) return withoutHash;
  const query = withoutHash
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      if (pair === '') return pair;
      const equals = pair.indexOf('=');
      const name = equals >= 0 ? pair.slice(0, equals) : pair;
      return HARMLESS_QUERY.has(decodedName(name)) ? pair : `${name}=${HIDDEN}`;
    })
    .join('&');
  return `${withoutHash.slice(0, queryAt)}?${query}`;
}

function redactQueryObject(query: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).map(([name, value]) => [name, HARMLESS_QUERY.has(name) ? value : HIDDEN]));
}

function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...headers };
  for (const name of SECRET_HEADERS) if (name in copy) copy[name] = HIDDEN;
  for (const name of URL_HEADERS) if (typeof copy[name] === 'string') copy[name] = withoutSecretsInUrl(copy[name]);
  return copy;
}

/** pino-http's serialized request, without secrets or personal data; the request itself is untouched. */
export function redactSerializedRequest<T extends { url?: unknown; headers?: unknown; query?: unknown }>(req: T): T {
  const copy: T & { body?: unknown; raw?: unknown } = { ...req };
  if (typeof copy.url === 'string') copy.url = withoutSecretsInUrl(copy.url);
  if (copy.query && typeof copy.query === 'object') copy.query = redactQueryObject(copy.query);
  if (copy.headers && typeof copy.headers === 'object') copy.headers = redactHeaders(copy.headers as Record<string, unknown>);
  delete copy.body;
  delete copy.raw;
  return copy;
}

/** pino-http's serialized response: a redirect's `Location` may carry a receipt's token. */
export function redactSerializedResponse<T extends { headers?: unknown }>(res: T): T {
  const copy = { ...res };
  if (copy.headers && typeof copy.headers === 'object') {
    const headers = { ...(copy.headers as Record<string, unknown>) };
    if ('set-cookie' in headers) headers['set-cookie'] = HIDDEN;
    copy.headers = redactHeaders(headers);
  }
  return copy;
}

/** What of a database error helps an operator and names no person: SQLSTATE and where it happened. */
const DATABASE_ERROR_FIELDS = ['code', 'constraint', 'table', 'column', 'schema', 'dataType', 'routine', 'severity'] as const;

const EMAIL = /[^\s@"'<>()]+@[^\s@"'<>()]+\.[a-z]{2,}/gi;
/** PostgreSQL quotes the offending value in some messages: `invalid input syntax for type uuid: "…"`. */
const QUOTED_VALUE = /(: )"[^"]*"/g;

function scrubMessage(message: string): string {
  return message.replace(EMAIL, HIDDEN).replace(QUOTED_VALUE, `$1"${HIDDEN}"`);
}

export interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  schema?: string;
  dataType?: string;
  routine?: string;
  severity?: string;
  causa?: LoggedError;
}

/**
 * An error as it may be logged. TypeORM's QueryFailedError and pg's DatabaseError carry the query's
 * `parameters` (the filer's names, document, e-mail, phone, address…), the row in `detail`
 * (`Key (email)=(…) already exists`) and the driver's copy of both in `driverError`: none of that is
 * kept, only the type, the message (e-mail addresses and quoted values masked), the stack, and the
 * SQLSTATE code, constraint, table and column, which are enough to find the fault.
 *
 * Takes an Error or what pino's standard serializer made of one (pino-http runs that first, then
 * this), and is idempotent, so an error the filters already cleaned may pass through it again.
 */
export function errorForLog(error: unknown, depth = 0): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const source = error as Record<string, unknown>;
  if (!(error instanceof Error) && typeof source.message !== 'string') return { type: 'desconocido' };
  const type = typeof source.type === 'string' ? source.type : (error.constructor?.name ?? 'Error');
  const logged: LoggedError = { type, message: scrubMessage(String(source.message)) };
  if (typeof source.stack === 'string') logged.stack = scrubMessage(source.stack);
  const driver = source.driverError;
  const database = typeof driver === 'object' && driver !== null ? (driver as Record<string, unknown>) : source;
  for (const field of DATABASE_ERROR_FIELDS) {
    const value = database[field] ?? source[field];
    if (typeof value === 'string' || typeof value === 'number') logged[field] = String(value);
  }
  const cause = source.cause ?? source.causa;
  if (typeof cause === 'object' && cause !== null && depth < 3) logged.causa = errorForLog(cause, depth + 1) as LoggedError;
  return logged;
}
