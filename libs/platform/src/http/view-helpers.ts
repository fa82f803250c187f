import { fechaLimiteSubsanacion } from '@app/domain';

/** Small Handlebars helpers shared by the citizen and back-office pages. */
type Handlebars = typeof import('handlebars');

const LIMA_DATE = new Intl.DateTimeFormat('es-PE', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  weekday: 'long',
});
const LIMA_DATETIME = new Intl.DateTimeFormat('es-PE', {
  timeZone: 'America/Lima',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** "2026-03-02" → "lunes, 2 de marzo de 2026" (a calendar date: no time zone shift). */
export function formatIsoDate(iso: string): string {
  return LIMA_DATE.format(new Date(`${iso}T00:00:00Z`));
}

export function formatLimaDateTime(instant: Date | string): string {
  return LIMA_DATETIME.format(new Date(instant));
}

let registered = false;

export function registerViewHelpers(hbs: Handlebars): void {
  if (registered) return;
  registered = true;
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('fecha', (iso: unknown) => (typeof iso === 'string' && iso ? formatIsoDate(iso) : ''));
  hbs.registerHelper('fechaHora', (value: unknown) =>
    value instanceof Date || typeof value === 'string' ? formatLimaDateTime(value) : '',
  );
  // A window's last moment: «viernes 4 de diciembre de 2026, 23:59 (hora de Lima)».
  hbs.registerHelper('fechaLimite', (iso: unknown) => (typeof iso === 'string' && iso ? fechaLimiteSubsanacion(iso) : ''));
  hbs.registerHelper('json', (value: unknown) => JSON.stringify(value));
  hbs.registerHelper('t', traducir);
  // A field's message starts in lower case to follow its label in a summary («Nombres: escriba…»); beside the field it opens the sentence.
  hbs.registerHelper('frase', (texto: unknown) => (typeof texto === 'string' ? texto.charAt(0).toUpperCase() + texto.slice(1) : ''));
}

/**
 * `{{t "Texto en castellano" n=3}}`: the page's text in the language the person chose. The page's
 * context carries `traducciones` (Spanish text → translation, from the app's data file); a text with
 * no translation, and every page without `traducciones`, shows the Spanish. `{n}`-style names are
 * replaced by the helper's named values.
 */
function traducir(texto: unknown, options: { hash?: Record<string, unknown>; data?: { root?: { traducciones?: Readonly<Record<string, string>> } } }): string {
  const original = typeof texto === 'string' ? texto : '';
  let resultado = options.data?.root?.traducciones?.[original] ?? original;
  for (const [nombre, valor] of Object.entries(options.hash ?? {})) resultado = resultado.split(`{${nombre}}`).join(String(valor));
  return resultado;
}
