import { FieldError, ValidationFailedError } from '@app/domain';

/** Text fields of commands: trimmed, required, bounded; the use case checks them too, not only the DTO. */
export function requiredText(errors: FieldError[], campo: string, value: string | null | undefined, min: number, max: number): string {
  const text = (value ?? '').trim();
  if (text.length < min || text.length > max) errors.push({ campo, mensaje: `escriba entre ${min} y ${max} caracteres` });
  return text;
}

export function throwIfAny(errors: FieldError[]): void {
  if (errors.length > 0) throw new ValidationFailedError(errors);
}
