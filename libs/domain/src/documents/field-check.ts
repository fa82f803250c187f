/**
 * Result of checking one field typed by a person. On success it carries the value
 * as it should be stored; on failure, a sentence in Spanish for that person.
 */
export type FieldCheck = { ok: true; normalized: string } | { ok: false; message: string };

export function passed(normalized: string): FieldCheck {
  return { ok: true, normalized };
}

export function failed(message: string): FieldCheck {
  return { ok: false, message };
}
