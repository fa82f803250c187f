import { Global, Injectable, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from '../config/environment';

/** A path and its query, escaping every value. */
function ruta(path: string, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `${path}${search ? `?${search}` : ''}`;
}

/** Joins a base URL (no trailing slash, validated at start-up) and a path built by `ruta`. */
function enlace(base: string, path: string, query: Record<string, string> = {}): string {
  return `${base}${ruta(path, query)}`;
}

/**
 * The citizen app's paths, for its own pages and redirects (relative, so they work behind any host);
 * EnlacesCiudadano puts the public base URL in front of the same paths for receipts and messages.
 */
export const RutasCiudadano = {
  /** An entity's «Antes de empezar»: what to have at hand and what is not a reclamo, before the hoja. */
  antesDeEmpezar: (codigoEntidad: string): string => ruta(`/e/${encodeURIComponent(codigoEntidad)}/antes-de-empezar`),
  /** An entity's hoja de reclamación (the form, and where it posts). */
  hoja: (codigoEntidad: string): string => ruta(`/e/${encodeURIComponent(codigoEntidad)}`),
  seguimiento: (codigo: string): string => ruta('/seguimiento', { codigo }),
  constancia: (codigo: string, token: string): string => ruta(`/reclamos/${encodeURIComponent(codigo)}/constancia`, { t: token }),
  constanciaPdf: (codigo: string, token: string): string => ruta(`/reclamos/${encodeURIComponent(codigo)}/constancia.pdf`, { t: token }),
  /** The satisfaction survey of a notified reclamo; `token` is its survey token. */
  encuesta: (codigo: string, token: string): string => ruta('/encuesta', { codigo, t: token }),
  /**
   * The form to answer a request for missing information online (and where it posts); `token` is that
   * request's single-use token, under the query name request logs redact.
   */
  subsanacion: (codigo: string, token: string): string => ruta('/subsanacion', { codigo, token }),
  /** The country's public figures (a period of whole months, Lima dates; none: the last 12 closed months). */
  estadisticas: (periodo?: { desde: string; hasta: string }): string => ruta('/estadisticas', periodo ? { desde: periodo.desde, hasta: periodo.hasta } : {}),
  /** An entity's public figures, by its code. */
  estadisticasEntidad: (codigo: string, periodo?: { desde: string; hasta: string }): string =>
    ruta(`/estadisticas/entidades/${encodeURIComponent(codigo)}`, periodo ? { desde: periodo.desde, hasta: periodo.hasta } : {}),
  /** The open data's schema page, and the file itself. */
  datosAbiertos: (): string => ruta('/datos-abiertos'),
  datosAbiertosArchivo: (nombre: string): string => ruta(`/datos-abiertos/${encodeURIComponent(nombre)}`),
  /** The home page's entity search with its filters (only the ones given) and page. */
  inicio: (filtros: { q?: string; tipo?: string; departamento?: string; pagina?: number } = {}): string =>
    ruta('/', {
      ...(filtros.q ? { q: filtros.q } : {}),
      ...(filtros.tipo ? { tipo: filtros.tipo } : {}),
      ...(filtros.departamento ? { departamento: filtros.departamento } : {}),
      ...(filtros.pagina && filtros.pagina > 1 ? { pagina: String(filtros.pagina) } : {}),
    }),
  /** An entity's Libro de Reclamaciones: the hoja, and where it posts. */
  libro: (entidadCodigo: string): string => ruta(`/e/${encodeURIComponent(entidadCodigo)}`),
  /** Where the hoja posts when the person asks for the next district question without JavaScript. */
  libroDistrito: (entidadCodigo: string): string => ruta(`/e/${encodeURIComponent(entidadCodigo)}/distrito`),
};

/**
 * Every link to the citizen app that a page, a receipt or a message shows, built from
 * PUBLIC_BASE_URL. One builder, so a route that moves is changed here and a test that follows
 * every link of every message catches the rest.
 */
@Injectable()
export class EnlacesCiudadano {
  private readonly base: string;

  constructor(config: ConfigService<Environment, true>) {
    this.base = config.get('PUBLIC_BASE_URL', { infer: true });
  }

  /** The tracking page for a code (the citizen types their document number there). */
  seguimiento(codigo: string): string {
    return this.base + RutasCiudadano.seguimiento(codigo);
  }

  /** The receipt page; `token` is the receipt's access token. */
  constancia(codigo: string, token: string): string {
    return this.base + RutasCiudadano.constancia(codigo, token);
  }

  constanciaPdf(codigo: string, token: string): string {
    return this.base + RutasCiudadano.constanciaPdf(codigo, token);
  }

  encuesta(codigo: string, token: string): string {
    return this.base + RutasCiudadano.encuesta(codigo, token);
  }

  subsanacion(codigo: string, token: string): string {
    return this.base + RutasCiudadano.subsanacion(codigo, token);
  }
}

/**
 * The back-office's paths that pages and the JSON API show (relative: the browser is already on the
 * back-office); EnlacesBackoffice puts BACKOFFICE_BASE_URL in front of them for messages.
 */
export const RutasBackoffice = {
  /** An export's page: its progress while it is made, then the download link. */
  exportacion: (id: string): string => ruta(`/exportaciones/${encodeURIComponent(id)}`),
  /** An export's file (only while it is ready). */
  exportacionArchivo: (id: string): string => ruta(`/exportaciones/${encodeURIComponent(id)}/archivo`),
  /** An export's state as JSON. */
  exportacionApi: (id: string): string => ruta(`/api/v1/exportaciones/${encodeURIComponent(id)}`),
  /** The administrators' access request (Ley 29733 art. 19): a person's data by document, as a page. */
  accesoDatos: (): string => ruta('/admin/acceso-datos'),
};

/** Every link to the back-office that a page or a message shows, built from BACKOFFICE_BASE_URL. */
@Injectable()
export class EnlacesBackoffice {
  private readonly base: string;

  constructor(config: ConfigService<Environment, true>) {
    this.base = config.get('BACKOFFICE_BASE_URL', { infer: true });
  }

  /** A reclamo's page for its entity's staff (other entities get 404). */
  reclamo(reclamoId: string): string {
    return enlace(this.base, `/casos/${encodeURIComponent(reclamoId)}`);
  }

  /** The one-time password reset page. */
  restablecer(token: string): string {
    return enlace(this.base, '/restablecer', { token });
  }

  /** The one-time invitation page, where a new staff member sets a password. */
  invitacion(token: string): string {
    return enlace(this.base, '/invitacion', { token });
  }
}

/** The two link builders, for any module (needs the config module, which is global). */
@Global()
@Module({ providers: [EnlacesCiudadano, EnlacesBackoffice], exports: [EnlacesCiudadano, EnlacesBackoffice] })
export class EnlacesModule {}
