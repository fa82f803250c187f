/** The largest body that is not multipart (JSON, urlencoded): a hoja is well under it; files go as multipart. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface FallaDelCuerpo {
  statusCode: number;
  mensaje: string;
}

/**
 * Spanish, per problem, for what Fastify and the multipart parser refuse before a controller runs.
 * Their own messages are English ("Body is not valid JSON…") and say nothing a citizen can act on;
 * one status per code keeps what a client may retry (4xx) apart from our faults.
 */
const POR_CODIGO: Readonly<Record<string, FallaDelCuerpo>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { statusCode: 400, mensaje: 'El cuerpo de la solicitud no es un JSON válido.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { statusCode: 400, mensaje: 'El cuerpo de la solicitud está vacío, pero se declaró como JSON.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    statusCode: 415,
    mensaje: 'Tipo de contenido no admitido: envíe application/json, application/x-www-form-urlencoded o multipart/form-data.',
  },
  FST_ERR_CTP_INVALID_TYPE: { statusCode: 415, mensaje: 'La cabecera Content-Type no es válida.' },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    statusCode: 413,
    mensaje: `El cuerpo de la solicitud supera el máximo de ${MAX_BODY_BYTES / 1024} KB; los archivos se envían como multipart/form-data (hasta 20 MB).`,
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { statusCode: 400, mensaje: 'La longitud declarada (Content-Length) no coincide con el cuerpo enviado.' },
  FST_ERR_BAD_URL: { statusCode: 400, mensaje: 'La dirección tiene una codificación no válida (una secuencia «%» incompleta o que no es UTF-8).' },
  FST_ERR_MAX_PARAM_LENGTH: { statusCode: 414, mensaje: 'Un dato de la dirección es demasiado largo.' },
  FST_ERR_ASYNC_CONSTRAINT: { statusCode: 400, mensaje: 'La solicitud no es válida.' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { statusCode: 415, mensaje: 'Este envío debe ser multipart/form-data.' },
  FST_PROTO_VIOLATION: { statusCode: 400, mensaje: 'El formulario usa un nombre de campo no permitido (__proto__ o constructor).' },
  FST_INVALID_JSON_FIELD_ERROR: { statusCode: 400, mensaje: 'Un campo del formulario se declaró JSON y no lo es.' },
  FST_MP_PREMATURE_CLOSE: { statusCode: 400, mensaje: 'El envío se cortó antes de terminar de leer el formulario; intente de nuevo.' },
  FST_FIELDS_LIMIT: { statusCode: 413, mensaje: 'El formulario tiene demasiados campos.' },
  FST_PARTS_LIMIT: { statusCode: 413, mensaje: 'El formulario tiene demasiadas partes (campos y archivos).' },
};

/** Fastify's own sentences for the codes above, for when only the message survived. */
const MENSAJES_DE_FASTIFY: ReadonlyArray<[RegExp, keyof typeof POR_CODIGO]> = [
  [/^Body is not valid JSON/, 'FST_ERR_CTP_INVALID_JSON_BODY'],
  [/^Body cannot be empty when content-type is set to 'application\/json'/, 'FST_ERR_CTP_EMPTY_JSON_BODY'],
  [/^Request body is too large/, 'FST_ERR_CTP_BODY_TOO_LARGE'],
  [/^Unsupported Media Type/, 'FST_ERR_CTP_INVALID_MEDIA_TYPE'],
  [/^Request body size did not match Content-Length/, 'FST_ERR_CTP_INVALID_CONTENT_LENGTH'],
  [/is not a valid url component$/, 'FST_ERR_BAD_URL'],
];

/** The multipart parser (busboy) throws bare Errors for a malformed body; these are its messages. */
const MULTIPART_MAL_FORMADO = /multipart|boundary|content-type|needle|terminated early/i;

/**
 * What a request's body or address got wrong, in Spanish, when the error is one of Fastify's or the
 * multipart parser's; null for anything else (ours, or a real fault, which stays a 500).
 */
export function fallaDelCuerpo(error: unknown): FallaDelCuerpo | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, statusCode, message } = error as { code?: unknown; statusCode?: unknown; message?: unknown };
  if (typeof code === 'string' && code in POR_CODIGO) return POR_CODIGO[code];
  // Nest's error handler re-throws Fastify's errors as HttpException(message, status), without the code.
  const porMensaje = typeof message === 'string' ? MENSAJES_DE_FASTIFY.find(([patron]) => patron.test(message)) : undefined;
  if (porMensaje) return POR_CODIGO[porMensaje[1]];
  if (statusCode === undefined && typeof message === 'string' && error instanceof Error && MULTIPART_MAL_FORMADO.test(message)) {
    return { statusCode: 400, mensaje: 'El formulario multipart/form-data está mal formado o incompleto.' };
  }
  return null;
}
