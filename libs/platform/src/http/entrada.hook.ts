import { FastifyInstance, FastifyRequest } from 'fastify';
import { EntradaRechazadaError, FieldError, revisarEntrada } from '@app/domain';

/**
 * The text rule of `revisarTexto` (@app/domain) on everything Fastify parsed for a request, before any
 * guard, pipe or controller sees it: route parameters, the query string and a JSON or urlencoded body,
 * in every route of the app, including routes added later (so a new endpoint is covered the day it is
 * written). Texts are replaced by their NFC form, and an invisible-only text by ''; a refused text
 * answers 422 VALIDATION_FAILED naming the field (`errores: [{campo, mensaje}]`). A page's body (any
 * route outside /api/) must also be texts, one per field (see `noTextosDeFormulario`), and no query
 * parameter may come twice.
 *
 * A multipart body is not parsed yet at this point (its parts stream in the handler): the multipart
 * reader of @app/storage applies the same rule to its fields and file names.
 */
export function registrarRevisionDeEntrada(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request: FastifyRequest) => {
    const errores: FieldError[] = [];
    request.params = revisarEntrada(request.params, '', errores);
    request.query = revisarEntrada(request.query, '', errores);
    if (request.body !== undefined && request.body !== null) request.body = revisarEntrada(request.body, '', errores);
    errores.push(...repetidosEnLaDireccion(request.query));
    if (!request.url.startsWith('/api/')) errores.push(...noTextosDeFormulario(request.body));
    if (errores.length > 0) throw new EntradaRechazadaError(errores, camposDeTexto(request.body));
  });
}

/**
 * A page's form is texts, one per field: what a browser sends. The page controllers read them as
 * strings (`value.trim()`), so a JSON body with a number or null there, or a field repeated in a
 * urlencoded body (which arrives as a list), was a 500; it is refused here, naming the field.
 */
function noTextosDeFormulario(body: unknown): FieldError[] {
  if (body === undefined || body === null) return [];
  if (typeof body !== 'object' || Array.isArray(body)) return [{ campo: 'cuerpo', mensaje: 'debe ser un formulario con sus campos' }];
  return Object.entries(body).flatMap(([campo, valor]): FieldError[] => {
    if (typeof valor === 'string') return [];
    if (Array.isArray(valor)) return [{ campo, mensaje: 'se envió más de una vez; envíe un solo valor' }];
    return [{ campo, mensaje: 'debe ser un texto, como lo envía el formulario' }];
  });
}

/**
 * No route takes a query parameter twice; the parser turns `?q=a&q=b` into a list, which the
 * controllers that read `q` as text (the home page's search) failed on with a 500.
 */
function repetidosEnLaDireccion(query: unknown): FieldError[] {
  if (typeof query !== 'object' || query === null) return [];
  return Object.entries(query)
    .filter(([, valor]) => Array.isArray(valor))
    .map(([campo]) => ({ campo, mensaje: 'se repite en la dirección; indíquelo una sola vez' }));
}

/** The body's texts by field, for a page that shows its form again. */
function camposDeTexto(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
