/**
 * The one place that reads process.env. Every variable has a local default so the
 * README's commands need no editing; a bad value stops start-up with a message
 * listing every bad variable at once.
 */
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'si'].includes(typeof value === 'string' ? value.toLowerCase() : JSON.stringify(value));

export class Environment {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL debe ser una URL postgres://' })
  DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:5432/reclamos';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL debe ser una URL redis://' })
  REDIS_URL = 'redis://127.0.0.1:6379/0';

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

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Filings per IP and minute; tracking look-ups per IP and minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  THROTTLE_FILINGS_PER_MINUTE = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  THROTTLE_TRACKING_PER_MINUTE = 30;

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

  @IsString()
  SESSION_SECRET = 'desarrollo-local-cambie-este-secreto-en-produccion-0123456789';
}

export class EnvironmentError extends Error {}

export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const env = plainToInstance(Environment, defined, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (env.NODE_ENV === 'production' && env.SESSION_SECRET.startsWith('desarrollo-local')) {
    throw new EnvironmentError('Configuración inválida:\n  - SESSION_SECRET: defina un secreto propio en producción');
  }
  const crossErrors: string[] = [];
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
