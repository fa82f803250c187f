import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ValidationFailedError } from '@app/domain';
import { forbiddenPropertyMessage, toFieldErrors } from '@app/platform/errors';
import { CrearReclamoDto, HojaReclamacionDto } from './hoja-reclamacion.dto';

/** Trims text and drops empty form fields, so "not given" reads the same from a form and from JSON. */
export function normalizeRawHoja(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const clean = typeof value === 'string' ? value.trim() : value;
    if (clean === '' && key !== 'sitioWeb') continue;
    if (clean === null || clean === undefined) continue;
    out[key] = clean;
  }
  return out;
}

/**
 * Validates a hoja with the same strict options as the global pipe (whitelist,
 * forbid unknown fields, transform), for the paths that do not go through it:
 * the HTML form and multipart uploads.
 */
export async function parseHoja<T extends HojaReclamacionDto>(
  dto: new () => T,
  raw: Record<string, unknown>,
): Promise<T> {
  const instance = plainToInstance(dto, normalizeRawHoja(raw));
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) {
    throw new ValidationFailedError(
      toFieldErrors(errors).map((e) => (e.mensaje.includes('should not exist') ? { ...e, mensaje: forbiddenPropertyMessage() } : e)),
    );
  }
  return instance;
}

export const parseCrearReclamo = (raw: Record<string, unknown>) => parseHoja(CrearReclamoDto, raw);
