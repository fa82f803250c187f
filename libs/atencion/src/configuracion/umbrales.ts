import { FieldError } from '@app/domain';

/** The most business days before the due date a reminder may go out: the whole legal plazo. */
export const UMBRAL_MAXIMO = 30;
/** What the database accepts (ck_entidad_umbrales_alerta). */
export const UMBRALES_MAXIMOS = 10;

/**
 * Reminder thresholds as an entity sets them: a non-empty list of whole business days, each
 * between 1 and 30, strictly decreasing (10, 5, 2, 1). Returns the problem, in Spanish, naming the
 * field, or null. Plain rules, no Nest: the use case and its unit test share them.
 */
export function umbralesProblem(campo: string, value: unknown): FieldError | null {
  const fail = (mensaje: string): FieldError => ({ campo, mensaje });
  if (!Array.isArray(value) || value.length === 0) return fail('indique al menos un umbral de días hábiles, p. ej. [10, 5, 2, 1]');
  if (value.length > UMBRALES_MAXIMOS) return fail(`indique como máximo ${UMBRALES_MAXIMOS} umbrales`);
  for (const k of value) {
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) return fail('cada umbral debe ser un número entero positivo de días hábiles');
    if (k > UMBRAL_MAXIMO) return fail(`cada umbral debe ser como máximo ${UMBRAL_MAXIMO} días hábiles (el plazo legal)`);
  }
  for (let i = 1; i < value.length; i += 1) {
    if ((value[i] as number) >= (value[i - 1] as number)) return fail('ordene los umbrales de mayor a menor y sin repetir, p. ej. [10, 5, 2, 1]');
  }
  return null;
}
