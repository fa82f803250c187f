import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import quechua from '../../i18n/qu.json';

/** The languages of the citizen pages: Spanish, and Quechua (Runasimi) labels as an option (issue 13). */
export const IDIOMAS = ['es', 'qu'] as const;
export type Idioma = (typeof IDIOMAS)[number];

/** The cookie that remembers the choice: a year, every path, not readable by scripts. */
const COOKIE = 'idioma';
const UN_ANIO_EN_SEGUNDOS = 365 * 24 * 3600;

/**
 * Spanish text → Quechua, from `apps/citizen/i18n/qu.json`. UNREVIEWED: written by the team, checked by
 * no speaker or translator yet (the file and the README say so). A text without an entry shows in Spanish.
 */
const TRADUCCIONES: Readonly<Record<Idioma, Readonly<Record<string, string>> | undefined>> = {
  es: undefined,
  qu: quechua.traducciones,
};

const esIdioma = (valor: unknown): valor is Idioma => typeof valor === 'string' && (IDIOMAS as readonly string[]).includes(valor);

/**
 * Chooses each page's language: `?lang=qu` (or `?lang=es`) picks it and the cookie remembers it; then the
 * cookie; else Spanish. `lang` is taken off the query, so no route sees it as one of its fields. Pages get
 * `lang` (for `<html lang>`), `traducciones` (read by the `t` view helper) and the switch's two links,
 * which keep the page's address and query.
 */
export function registrarIdioma(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const query = request.query as Record<string, unknown> | undefined;
    const pedido = query?.lang;
    if (query && 'lang' in query) delete query.lang;
    let idioma: Idioma = 'es';
    if (esIdioma(pedido)) {
      idioma = pedido;
      reply.setCookie(COOKIE, pedido, { path: '/', maxAge: UN_ANIO_EN_SEGUNDOS, sameSite: 'lax', httpOnly: true });
    } else if (esIdioma(request.cookies?.[COOKIE])) {
      idioma = request.cookies[COOKIE];
    }
    // @fastify/view merges `reply.locals` into every view's data (its types do not declare it).
    const vista = reply as FastifyReply & { locals?: Record<string, unknown> };
    vista.locals = {
      ...vista.locals,
      lang: idioma,
      traducciones: TRADUCCIONES[idioma],
      cambiarIdioma: { es: enlaceEn(request.url, 'es'), qu: enlaceEn(request.url, 'qu'), actual: idioma },
    };
  });
}

/** The same page in another language: its path and query, `lang` replaced. */
function enlaceEn(url: string, idioma: Idioma): string {
  const [path, search = ''] = url.split('?', 2);
  const params = new URLSearchParams(search);
  params.set('lang', idioma);
  // One leading slash: «//host» would make the link leave the site.
  return `/${path.replace(/^\/+/, '')}?${params.toString()}`;
}
