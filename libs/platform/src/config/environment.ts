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
  if (errors.length > 0) {
    const lines = errors.map((e) => `  - ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new EnvironmentError(`Configuración inválida:\n${lines.join('\n')}`);
  }
  return env;
}

let cached: Environment | undefined;

/** The validated environment, read once per process. */
export function loadEnvironment(): Environment {
  cached ??= validateEnvironment(process.env);
  return cached;
}
