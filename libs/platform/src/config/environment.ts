/**
 * The one place that reads process.env. Every variable has a local default so the
 * README's commands need no editing; a bad value stops start-up with a message
 * listing every bad variable at once.
 */
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { isIP } from 'node:net';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'si'].includes(typeof value === 'string' ? value.toLowerCase() : JSON.stringify(value));

/** The development secret written below: anyone can read it here, so production refuses it. */
const DEVELOPMENT_SESSION_SECRET = 'desarrollo-local-cambie-este-secreto-en-produccion-0123456789';

export class Environment {
  /**
   * Unset means production: a deployment that forgets NODE_ENV must get production's checks (its own
   * secret, secure cookies), never development's defaults. The README's two commands set it themselves
   * (`npm run demo` → development, `npm test` → test).
   */
  @IsIn(['development', 'test', 'production'], { message: 'NODE_ENV debe ser development, test o production' })
  NODE_ENV: 'development' | 'test' | 'production' = 'production';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL debe ser una URL postgres://' })
  DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:5432/reclamos';

  /**
   * A streaming read replica of DATABASE_URL (a managed service's read replica, or a standby made with
   * `pg_basebackup -R`). Set, the figures, the open data and the coordinators' console read their
   * aggregates there (libs/persistence's LecturasReplica) and everything else, writes above all, stays on
   * DATABASE_URL. Unset (the default): every query goes to DATABASE_URL. DB_POOL_SIZE applies to each.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_REPLICA_URL debe ser una URL postgres://' })
  DATABASE_REPLICA_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL debe ser una URL redis://' })
  REDIS_URL = 'redis://127.0.0.1:6379/0';

  /**
   * A Redis Cluster: its seed nodes, `host:port` separated by commas (`10.0.0.1:6379,10.0.0.2:6379`).
   * Set, the apps and the worker talk to the cluster (libs/platform/src/redis/conexion.ts); REDIS_URL
   * then gives only the credentials and TLS (`rediss://`), its host and database are not used (a
   * cluster has database 0 only). Unset (the default): the one server of REDIS_URL.
   */
  @IsOptional()
  @Matches(/^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/, { message: 'REDIS_CLUSTER_NODES debe ser una lista host:puerto separada por comas' })
  REDIS_CLUSTER_NODES?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  CITIZEN_PORT = 3000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  BACKOFFICE_PORT = 3001;

  @IsString()
  HOST = '0.0.0.0';

  /** Absolute base of the citizen site, for links in receipts, QR codes and e-mails. */
  @Matches(/^https?:\/\/[^/]+.*[^/]$/, { message: 'PUBLIC_BASE_URL debe ser una URL http(s) sin barra final' })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  @Matches(/^https?:\/\/[^/]+.*[^/]$/, { message: 'BACKOFFICE_BASE_URL debe ser una URL http(s) sin barra final' })
  BACKOFFICE_BASE_URL = 'http://localhost:3001';

  @IsString()
  STORAGE_DIR = '.local/storage';

  /**
   * Where attachments, scans and exports live: `local` (STORAGE_DIR, one machine; the default) or `s3`
   * (an S3-compatible bucket: AWS S3, MinIO…; required when more than one machine runs the apps or the
   * worker, since they cannot share a local directory). See libs/storage/src/s3.storage.ts.
   */
  @IsIn(['local', 's3'], { message: 'STORAGE_DRIVER debe ser local o s3' })
  STORAGE_DRIVER: 'local' | 's3' = 'local';

  /** The bucket (STORAGE_DRIVER=s3; it must exist). */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET debe ser un nombre de bucket S3 (3 a 63 minúsculas, dígitos, puntos o guiones)' })
  S3_BUCKET?: string;

  @IsString()
  S3_REGION = 'us-east-1';

  /** A non-AWS endpoint (MinIO: http://minio:9000); unset: AWS's for S3_REGION. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+\/?$/, { message: 'S3_ENDPOINT debe ser una URL http(s)://host[:puerto]' })
  S3_ENDPOINT?: string;

  /** Path-style addressing (host/bucket/key), which MinIO and most local servers need. */
  @Transform(toBool)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = false;

  /** Keys start with it (e.g. `reclamos/`), so a bucket can be shared. */
  @Matches(/^([a-z0-9._-]+\/)*$/, { message: 'S3_PREFIX debe ser vacío o terminar en / (p. ej. reclamos/)' })
  S3_PREFIX = '';

  /** Static credentials; unset: the SDK's default chain (instance role, AWS_* variables, profile). */
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * On SIGTERM, how long (ms) an app answers 503 on /health/ready while still serving, before it stops
   * accepting connections: the time a load balancer needs to take it out of rotation (a few health-check
   * intervals). 0 (the default, for one machine) closes at once. Requests in flight always finish.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(120_000)
  SHUTDOWN_DRAIN_MS = 0;

  /** Filings per IP and minute; tracking look-ups per IP and minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  THROTTLE_FILINGS_PER_MINUTE = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  THROTTLE_TRACKING_PER_MINUTE = 30;

  /**
   * The reverse proxies (load balancer, ingress) whose X-Forwarded-For is believed, as a comma-separated
   * list of IPs or CIDRs (`10.0.0.5,10.1.0.0/16`). Empty (the default): none, so the client address is the
   * socket's and a header the client writes changes nothing (per-IP limits, sessions, the audit trail).
   */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter(Boolean) : value))
  @IsString({ each: true })
  TRUSTED_PROXIES: string[] = [];

  /** Off only for load benchmarks, which send every request from one address. */
  @Transform(toBool)
  @IsBoolean()
  THROTTLE_ENABLED = true;

  @IsString()
  SMTP_HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT = 1025;

  @Transform(toBool)
  @IsBoolean()
  SMTP_SECURE = false;

  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  @IsOptional()
  @IsString()
  SMTP_PASS?: string;

  @Matches(/^.+@.+$/, { message: 'MAIL_FROM debe ser una dirección de correo' })
  MAIL_FROM = 'libro.reclamaciones@gob.pe';

  /** SMTP connections kept open by the pooled transport. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  SMTP_POOL_SIZE = 5;

  /** Connection, greeting and socket timeout of one SMTP exchange. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(300_000)
  SMTP_TIMEOUT_MS = 30_000;

  /** Right-hand side of each message's deterministic Message-ID (<outbox-ID@domain>). */
  @Matches(/^[a-z0-9.-]+\.[a-z]{2,}$/i, { message: 'MESSAGE_ID_DOMAIN debe ser un nombre de dominio' })
  MESSAGE_ID_DOMAIN = 'libro-reclamaciones.gob.pe';

  /** Send attempts per message (exponential backoff between them); then the row is 'fallido'. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  NOTIFICATIONS_ATTEMPTS = 8;

  /** First backoff delay; doubles on each attempt (8 attempts at 30 s ≈ 1 h of retries). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  NOTIFICATIONS_BACKOFF_MS = 30_000;

  /** Messages sent at once per worker process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  NOTIFICATIONS_CONCURRENCY = 5;

  /** How often the relay looks for new outbox rows. */
  @Transform(toInt)
  @IsInt()
  @Min(20)
  NOTIFICATIONS_RELAY_INTERVAL_MS = 1_000;

  /** The recurring sweep that re-enqueues rows left pending (Redis was down, a worker died). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  NOTIFICATIONS_SWEEP_EVERY_MS = 10_000;

  /** A 'enviando' claim older than this belongs to a dead worker and may be taken over. Must exceed SMTP_TIMEOUT_MS. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  NOTIFICATIONS_CLAIM_TTL_MS = 120_000;

  /** BullMQ job lock: a job whose worker died is retried once its lock expires. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  NOTIFICATIONS_LOCK_MS = 30_000;

  /** Signs session cookies and derives the anti-CSRF tokens. In production: at least 32 random bytes (see weakSecretReason). */
  @IsString()
  SESSION_SECRET = DEVELOPMENT_SESSION_SECRET;
}

export class EnvironmentError extends Error {}

/** An IPv4/IPv6 address, optionally with a /prefix: what Fastify's trustProxy (@fastify/proxy-addr) takes. */
function isTrustedProxyEntry(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/**
 * Why a production SESSION_SECRET is too weak, or null. It must carry 32 random bytes: as hex that is
 * 64 characters, as base64 43; any other text needs at least 43 characters. A run of one repeated
 * character or a handful of distinct ones (`aaaa…`, `abababab…`) is not random whatever its length.
 */
export function weakSecretReason(secret: string): string | null {
  if (secret === DEVELOPMENT_SESSION_SECRET || secret.startsWith('desarrollo-local')) {
    return 'es el secreto de desarrollo publicado en el código; genere uno propio (p. ej. openssl rand -base64 48)';
  }
  const isHex = /^[0-9a-f]+$/i.test(secret);
  const minimum = isHex ? 64 : 43;
  if (secret.length < minimum) {
    return `debe tener al menos 32 bytes aleatorios (${minimum} caracteres ${isHex ? 'hexadecimales' : 'en base64'}); genere uno con openssl rand -base64 48`;
  }
  if (new Set(secret).size < 10) return 'tiene muy pocos caracteres distintos para ser aleatorio; genere uno con openssl rand -base64 48';
  return null;
}

/**
 * Why a postgres:// URL that passed the scheme check cannot be connected to, or null. pg parses it with
 * WHATWG's URL: an unencoded `@` or `/` in the password, a bad port or no host would otherwise surface as
 * an obscure connection error (or a connection to the wrong server) only when the first read is made.
 */
function urlPostgresInvalida(url: string | undefined): string | null {
  if (url === undefined || !/^postgres(ql)?:\/\/.+/.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'no es una URL válida (¿un carácter especial de la contraseña sin codificar? use %40 para @, %2F para /)';
  }
  if (parsed.hostname === '') return 'le falta el servidor (postgres://usuario:clave@servidor:5432/base)';
  if (parsed.pathname.length <= 1) return 'le falta el nombre de la base de datos (postgres://usuario:clave@servidor:5432/base)';
  return null;
}

export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const env = plainToInstance(Environment, defined, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  const crossErrors: string[] = [];
  const weakSecret = env.NODE_ENV === 'production' && typeof env.SESSION_SECRET === 'string' ? weakSecretReason(env.SESSION_SECRET) : null;
  if (weakSecret) {
    const unset = raw.NODE_ENV === undefined || raw.NODE_ENV === '' ? ' (NODE_ENV no está definido: se aplican las reglas de producción; para desarrollo local use NODE_ENV=development)' : '';
    crossErrors.push(`  - SESSION_SECRET: en producción ${weakSecret}${unset}`);
  }
  const badProxies = (Array.isArray(env.TRUSTED_PROXIES) ? env.TRUSTED_PROXIES : []).filter((entry) => typeof entry !== 'string' || !isTrustedProxyEntry(entry));
  if (badProxies.length > 0) {
    crossErrors.push(
      `  - TRUSTED_PROXIES: «${badProxies.join(', ')}» no es una IP o un CIDR; escriba una lista separada por comas (p. ej. 10.0.0.5,10.1.0.0/16)`,
    );
  }
  if (env.STORAGE_DRIVER === 's3' && !env.S3_BUCKET) {
    crossErrors.push('  - S3_BUCKET: indique el bucket donde guardar los adjuntos (STORAGE_DRIVER=s3)');
  }
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
    crossErrors.push('  - S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: indique las dos, o ninguna (la cadena de credenciales del SDK)');
  }
  const replica = urlPostgresInvalida(env.DATABASE_REPLICA_URL);
  if (replica) crossErrors.push(`  - DATABASE_REPLICA_URL: ${replica}`);
  else if (env.DATABASE_REPLICA_URL !== undefined && env.DATABASE_REPLICA_URL === env.DATABASE_URL) {
    // Harmless but a second pool on the primary: almost surely a copy-paste of the wrong variable.
    crossErrors.push('  - DATABASE_REPLICA_URL: es la misma que DATABASE_URL; indique la réplica de lectura, o déjela vacía si no hay una');
  }
  if (env.NOTIFICATIONS_CLAIM_TTL_MS <= env.SMTP_TIMEOUT_MS) {
    crossErrors.push('  - NOTIFICATIONS_CLAIM_TTL_MS: debe ser mayor que SMTP_TIMEOUT_MS, o un envío lento se repetiría');
  }
  if (errors.length > 0 || crossErrors.length > 0) {
    const lines = errors.map((e) => `  - ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new EnvironmentError(`Configuración inválida:\n${[...lines, ...crossErrors].join('\n')}`);
  }
  return env;
}

let cached: Environment | undefined;

/** The validated environment, read once per process. */
export function loadEnvironment(): Environment {
  cached ??= validateEnvironment(process.env);
  return cached;
}

/** The store's settings (libs/storage's `crearAlmacen` takes them), read from the app's ConfigService. */
export const CLAVES_ALMACEN = [
  'STORAGE_DRIVER',
  'STORAGE_DIR',
  'S3_BUCKET',
  'S3_REGION',
  'S3_ENDPOINT',
  'S3_FORCE_PATH_STYLE',
  'S3_PREFIX',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
] as const;
export type ConfiguracionDelAlmacen = Pick<Environment, (typeof CLAVES_ALMACEN)[number]>;

export function configuracionDelAlmacen(config: { get(clave: (typeof CLAVES_ALMACEN)[number]): unknown }): ConfiguracionDelAlmacen {
  return Object.fromEntries(CLAVES_ALMACEN.map((clave) => [clave, config.get(clave)])) as unknown as ConfiguracionDelAlmacen;
}

/** The Redis settings (libs/platform/src/redis/conexion.ts takes them), read from the app's ConfigService. */
export function configuracionRedis(config: { get(clave: 'REDIS_URL' | 'REDIS_CLUSTER_NODES'): unknown }): Pick<Environment, 'REDIS_URL' | 'REDIS_CLUSTER_NODES'> {
  return { REDIS_URL: config.get('REDIS_URL') as string, REDIS_CLUSTER_NODES: config.get('REDIS_CLUSTER_NODES') as string | undefined };
}
