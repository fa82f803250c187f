import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import { CargadorDeMensajes, CargadorMensaje, MensajeCargado, MensajeGuardado } from './cargador-de-mensajes';
import { TIPOS_MENSAJE, TipoMensaje } from './tipo-mensaje';

/** A message type with no loader, or with more than one: the worker must not start. */
export class RegistroDeCargadoresError extends Error {
  override readonly name = 'RegistroDeCargadoresError';
}

/**
 * Which loader renders each message type. Built when the worker's module starts: every type of
 * `TipoMensaje` must have exactly one loader among the providers marked `@CargadorDeMensajes`,
 * or start-up fails with a message naming the type (a row of a type nobody can render would
 * otherwise fail at send time, for every citizen, as `subsanacion_vencida` once did).
 */
@Injectable()
export class RegistroDeCargadores implements OnModuleInit {
  private readonly porTipo = new Map<TipoMensaje, CargadorMensaje>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const encontrados = new Map<TipoMensaje, string[]>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: CargadorDeMensajes.KEY })) {
      const tipos = this.discovery.getMetadataByDecorator(CargadorDeMensajes, wrapper) ?? [];
      // A request-scoped or transient provider has no usable instance here (Nest keeps a bare
      // prototype without its dependencies): it would pass this check and fail on every send.
      if (!wrapper.isDependencyTreeStatic() || wrapper.isTransient) {
        throw new RegistroDeCargadoresError(`${wrapper.name} es un cargador de mensajes que no es singleton: decláralo sin scope`);
      }
      const instance = wrapper.instance as CargadorMensaje | undefined;
      if (!instance || typeof instance.cargar !== 'function') {
        throw new RegistroDeCargadoresError(`${wrapper.name} está marcado como cargador de mensajes pero no tiene cargar()`);
      }
      for (const tipo of tipos) {
        encontrados.set(tipo, [...(encontrados.get(tipo) ?? []), String(wrapper.name)]);
        this.porTipo.set(tipo, instance);
      }
    }
    const sinCargador = TIPOS_MENSAJE.filter((tipo) => !encontrados.has(tipo));
    const repetidos = [...encontrados].filter(([, nombres]) => nombres.length > 1);
    const problemas = [
      ...sinCargador.map((tipo) => `el tipo de mensaje "${tipo}" no tiene cargador`),
      ...repetidos.map(([tipo, nombres]) => `el tipo de mensaje "${tipo}" tiene ${nombres.length} cargadores (${nombres.join(', ')})`),
    ];
    if (problemas.length > 0) {
      throw new RegistroDeCargadoresError(`El worker no puede enviar mensajes: ${problemas.join('; ')}.`);
    }
  }

  /** The content of one row, by its type's loader. */
  cargar<T extends TipoMensaje>(mensaje: MensajeGuardado<T>): Promise<MensajeCargado<T>> {
    return this.cargadorDe(mensaje).cargar(mensaje);
  }

  /**
   * The contents of the rows whose loader can load many at once, by row id, each a content or the
   * error of that row; rows of other types are not in the map (load them with `cargar`). A read that
   * fails as a whole is every one of its rows' error.
   */
  async cargarVarios(mensajes: readonly MensajeGuardado[]): Promise<Map<string, MensajeCargado | Error>> {
    const porCargador = new Map<CargadorMensaje, MensajeGuardado[]>();
    for (const mensaje of mensajes) {
      const cargador = this.porTipo.get(mensaje.tipo);
      if (!cargador?.cargarVarios) continue;
      porCargador.set(cargador, [...(porCargador.get(cargador) ?? []), mensaje]);
    }
    const resultado = new Map<string, MensajeCargado | Error>();
    await Promise.all(
      [...porCargador].map(async ([cargador, suyos]) => {
        const cargados = await cargador.cargarVarios!(suyos).catch((error: unknown) => suyos.map(() => (error instanceof Error ? error : new Error(String(error)))));
        suyos.forEach((mensaje, i) => resultado.set(mensaje.id, cargados[i] ?? new Error(`El cargador no devolvió el mensaje ${mensaje.id}`)));
      }),
    );
    return resultado;
  }

  /** Whether this type records anything when sent or failed (most only need to be sent). */
  tieneEfectos(tipo: TipoMensaje): { alEnviarse: boolean; alFallar: boolean } {
    const cargador = this.porTipo.get(tipo);
    return { alEnviarse: typeof cargador?.alEnviarse === 'function', alFallar: typeof cargador?.alFallar === 'function' };
  }

  /** What the row's type records once the server accepted it (see CargadorMensaje.alEnviarse); nothing if it records nothing. */
  async alEnviarse<T extends TipoMensaje>(manager: EntityManager, mensaje: MensajeGuardado<T>, aceptadoEn: Date): Promise<void> {
    await this.cargadorDe(mensaje).alEnviarse?.(manager, mensaje, aceptadoEn);
  }

  /** What the row's type records once it failed for good (see CargadorMensaje.alFallar). */
  async alFallar<T extends TipoMensaje>(manager: EntityManager, mensaje: MensajeGuardado<T>): Promise<void> {
    await this.cargadorDe(mensaje).alFallar?.(manager, mensaje);
  }

  private cargadorDe<T extends TipoMensaje>(mensaje: MensajeGuardado<T>): CargadorMensaje<T> {
    const cargador = this.porTipo.get(mensaje.tipo) as CargadorMensaje<T> | undefined;
    // Unreachable after onModuleInit; kept so a misuse fails loudly rather than silently.
    if (!cargador) throw new RegistroDeCargadoresError(`El tipo de mensaje "${mensaje.tipo}" no tiene cargador`);
    return cargador;
  }
}
