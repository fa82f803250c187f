import Handlebars from 'handlebars';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fechaLimiteSubsanacion } from '@app/domain';
import { formatCalendarDate } from '@app/receipt';
import { ContenidoMensaje, TipoMensaje } from '../mensajes/tipo-mensaje';

/** A message ready for a driver: subject, HTML and plain text. */
export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
}

const SUBJECTS: { [T in TipoMensaje]: (data: ContenidoMensaje[T]) => string } = {
  acuse_recibo: (d) => `Registramos su reclamo ${d.codigo} – ${d.entidadNombre}`,
  plazo_por_vencer: (d) => `Reclamo ${d.codigo}: vence el ${formatCalendarDate(d.vence)}`,
  plazo_vencido: (d) => `Reclamo ${d.codigo}: plazo vencido el ${formatCalendarDate(d.vence)}`,
  solicitud_subsanacion: (d) => `Complete la información de su reclamo ${d.codigo} – ${d.entidadNombre}`,
  subsanacion_vencida: (d) => `Reclamo ${d.codigo}: venció el plazo de subsanación el ${formatCalendarDate(d.venceSubsanacion)}`,
  notificacion_fallida: (d) => `Reclamo ${d.codigo}: la respuesta no llegó al correo del ciudadano`,
  reconduccion: (d) => `Su reclamo ${d.codigo} fue reconducido a otro canal – ${d.entidadNombre}`,
  traslado: (d) => `Su reclamo ${d.codigo} fue trasladado a ${d.entidadDestinoNombre}`,
  respuesta: (d) => `Respuesta a su reclamo ${d.codigo} – ${d.entidadNombre}`,
  restablecer_password: () => 'Restablezca su contraseña del Libro de Reclamaciones',
  invitacion_personal: (d) => `Invitación al Libro de Reclamaciones de ${d.entidadNombre}`,
  subsanacion_respondida: (d) => `Reclamo ${d.codigo}: el ciudadano completó la información pedida`,
};

/** The templates live beside the sources (libs/notifications/templates), found from here in ts-node and in dist alike. */
function findTemplatesDir(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    for (const candidate of [join(dir, 'templates', 'layout.html.hbs'), join(dir, 'libs', 'notifications', 'templates', 'layout.html.hbs')]) {
      if (existsSync(candidate)) return dirname(candidate);
    }
  }
  throw new Error('No se encontró libs/notifications/templates');
}

type Compiled = Handlebars.TemplateDelegate;

/**
 * Renders every message type from its files (<tipo>.html.hbs and <tipo>.txt.hbs inside a layout).
 * Templates are compiled once. HTML escapes what it prints; the text version does not (it is not HTML).
 * Pure: no database, no Nest, so it is unit-tested on its own.
 */
export class MessageRenderer {
  private readonly html = Handlebars.create();
  private readonly text = Handlebars.create();
  private readonly compiled = new Map<string, Compiled>();

  constructor(private readonly dir: string = findTemplatesDir()) {
    for (const hb of [this.html, this.text]) {
      hb.registerHelper('fecha', (iso: unknown) => (typeof iso === 'string' ? formatCalendarDate(iso) : ''));
      hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
      hb.registerHelper('fechaLimite', (iso: unknown) => (typeof iso === 'string' ? fechaLimiteSubsanacion(iso) : ''));
    }
  }

  render<T extends TipoMensaje>(tipo: T, data: ContenidoMensaje[T]): RenderedMessage {
    const subject = SUBJECTS[tipo](data);
    const context = { ...data, asunto: subject };
    const html = this.template('html', 'layout')({ ...context, contenido: this.template('html', tipo)(context) });
    const text = this.template('txt', 'layout')({ ...context, contenido: this.template('txt', tipo)(context).trim() });
    return { subject, html, text: text.replace(/\n{3,}/g, '\n\n') };
  }

  private template(kind: 'html' | 'txt', name: string): Compiled {
    const key = `${name}.${kind}`;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      const source = readFileSync(join(this.dir, `${key}.hbs`), 'utf8');
      compiled = kind === 'html' ? this.html.compile(source, { strict: true }) : this.text.compile(source, { strict: true, noEscape: true });
      this.compiled.set(key, compiled);
    }
    return compiled;
  }
}
