import { TipoMensaje } from '@app/notifications';

/** What each kind of message is, in the words the failed-messages page uses. */
export const TIPO_MENSAJE_LABELS: Readonly<Record<TipoMensaje, string>> = {
  acuse_recibo: 'Constancia de registro al ciudadano',
  plazo_por_vencer: 'Recordatorio de plazo por vencer',
  plazo_vencido: 'Aviso de plazo vencido',
  solicitud_subsanacion: 'Pedido de subsanación al ciudadano',
  subsanacion_vencida: 'Aviso de subsanación vencida',
  reconduccion: 'Aviso de reconducción',
  traslado: 'Aviso de traslado a otra entidad',
  respuesta: 'Respuesta al ciudadano',
  notificacion_fallida: 'Aviso de notificación fallida',
  restablecer_password: 'Enlace para restablecer la contraseña',
  invitacion_personal: 'Invitación al personal',
  subsanacion_respondida: 'Aviso de subsanación respondida',
};

export function tipoMensajeLabel(tipo: string): string {
  return (TIPO_MENSAJE_LABELS as Readonly<Record<string, string>>)[tipo] ?? tipo;
}

/**
 * An SMTP or network error as an administrator can act on it: what happened in plain words. The
 * server's own text stays beside it (addresses already masked by the use case) for whoever must
 * tell the mail provider. Codes per RFC 5321 §4.2 and RFC 3463 (enhanced status codes).
 */
export function errorEnPalabras(error: string | null): string {
  if (!error) return 'No se registró el motivo.';
  const texto = error.toLowerCase();
  if (/\b5\.1\.[0-3]\b|\b550\b.*(mailbox|buz[oó]n|user|usuario|recipient|destinatario)|no such user|user unknown/.test(texto)) {
    return 'El servidor del destinatario dice que esa dirección de correo no existe.';
  }
  if (/\b5\.2\.2\b|\b452\b|mailbox full|quota|buz[oó]n lleno/.test(texto)) return 'El buzón del destinatario está lleno.';
  if (/\b5\.7\.\d\b|\b554\b|spam|blocked|bloquead|rechaz|denied|policy/.test(texto)) {
    return 'El servidor del destinatario rechazó el mensaje por sus reglas (antispam o políticas).';
  }
  if (/econnrefused|enotfound|eai_again|ehostunreach|connection refused|getaddrinfo/.test(texto)) {
    return 'No se pudo conectar con el servidor de correo.';
  }
  if (/timeout|timed out|etimedout|esocket/.test(texto)) return 'El servidor de correo no respondió a tiempo.';
  if (/\b4\d\d\b/.test(texto)) return 'El servidor de correo pidió intentarlo más tarde y se agotaron los intentos.';
  if (/\b5\d\d\b/.test(texto)) return 'El servidor de correo rechazó el mensaje.';
  return 'El envío falló por un error no reconocido; vea el detalle técnico.';
}
