import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface Route {
  method: string;
  path: string;
}

/** Every route the app serves, read from the controllers Nest registered (its router's own table). */
export function routeTable(app: NestFastifyApplication): Route[] {
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as Type | null;
      if (!type) continue;
      const prefixes = [Reflect.getMetadata(PATH_METADATA, type) as string | string[]].flat();
      const proto = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (paths === undefined || method === undefined) continue;
        for (const prefix of prefixes) {
          for (const path of [paths].flat()) {
            routes.push({ method: RequestMethod[method], path: `/${[prefix, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/') });
          }
        }
      }
    }
  }
  // The same controller may sit in several modules' maps; one row per route.
  return [...new Map(routes.map((r) => [`${r.method} ${r.path}`, r])).values()];
}

/** A valid body for each state-changing reclamo route, so the request reaches the use case (a 422 would prove nothing). */
export const RECLAMO_ROUTE_BODIES: Record<string, Record<string, unknown>> = {
  'POST /api/v1/casos/:id/asignar': { motivo: 'Asignación de prueba' },
  'POST /api/v1/casos/:id/subsanacion': { motivo: 'Indique la sede donde ocurrió.' },
  'POST /api/v1/casos/:id/subsanacion-recibida': { detalle: 'Indicó la sede.' },
  'POST /api/v1/casos/:id/reconducir': { canal: 'denuncia', mensaje: 'Es una denuncia: la derivamos a su canal.' },
  'POST /api/v1/casos/:id/trasladar': { entidadDestino: 'MML', motivo: 'El servicio lo presta la municipalidad.' },
  'POST /api/v1/casos/:id/respuesta': { hechos: 'Los hechos del caso.', analisis: 'El análisis del caso.', medidasAdoptadas: 'Medidas.' },
  'POST /api/v1/casos/:id/respuesta/aprobar': {},
  'POST /api/v1/casos/:id/respuesta/aprobar-y-notificar': {},
  'POST /api/v1/casos/:id/respuesta/devolver': { comentarios: 'Precise las medidas.' },
  'POST /api/v1/casos/:id/responder': {},
  'POST /api/v1/casos/:id/notificar': {},
  'POST /api/v1/casos/:id/archivar': {},
  'POST /api/v1/casos/:id/anular': { motivo: 'Duplicado del anterior.' },
  'POST /api/v1/casos/:id/notas': { texto: 'Nota de otra entidad' },
};
