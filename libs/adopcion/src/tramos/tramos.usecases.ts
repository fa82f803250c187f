import { Injectable } from '@nestjs/common';
import { QueryRunner } from 'typeorm';
import { IsoDate, limaDateOf } from '@app/calendar';
import { DomainError } from '@app/domain';
import { LecturasReplica } from '@app/persistence';
import { Clock } from '@app/platform/clock';
import { StaffUser } from '@app/staff';
import { consultarAdopcion } from '../adopcion/adopcion.query';
import { AdopcionEntidad, adopcionDe, ConteoPorEstado, conteoVacio, porcentaje, ResumenTramo, TramoConsola } from '../adopcion/consola';
import { assertLeeConsola } from '../reglas/acceso';
import { plazoDelTramo } from '../reglas/adopcion';
import { evolucionDeAdopcion, implementadosAl, PuntoEvolucion } from '../reglas/evolucion';

/** Tramo numbers are smallint ids; anything else names no tramo. */
export const NUMERO_TRAMO = /^[1-9]\d{0,4}$/;

export function tramoNoEncontrado(): DomainError {
  return new DomainError('TRAMO_NOT_FOUND', 'No existe ese tramo.');
}

async function leerTramos(lector: QueryRunner, numero?: number): Promise<TramoConsola[]> {
  const tramos: TramoConsola[] = await lector.query(
    `SELECT id AS numero, nombre, descripcion, tipos_entidad AS "tiposEntidad", fecha_inicio::text AS "fechaInicio", fecha_limite::text AS "fechaLimite"
       FROM tramo WHERE ($1::smallint IS NULL OR id = $1) ORDER BY id`,
    [numero ?? null],
  );
  return tramos;
}

function resumenDe(tramo: TramoConsola, entidades: readonly AdopcionEntidad[], hoy: IsoDate): ResumenTramo {
  const porEstado = conteoVacio();
  for (const e of entidades) porEstado[e.estado] += 1;
  return {
    ...tramo,
    entidades: entidades.length,
    porEstado,
    implementadoPct: porcentaje(porEstado.implementado, entidades.length),
    plazo: plazoDelTramo(tramo.fechaLimite, hoy),
    atrasadas: entidades.filter((e) => e.diasDeRetraso !== null).length,
  };
}

/** A tramo's line on the overview: its summary, and how many were implementado by its deadline. */
export interface TramoEnVista extends ResumenTramo {
  /** Implementado on or before the deadline; null while the deadline has not come. */
  readonly implementadosAlLimite: number | null;
  readonly evolucion: readonly PuntoEvolucion[];
}

export interface VistaTramos {
  /** Today, Lima date: what "late" and "days to the deadline" are counted from. */
  readonly fecha: IsoDate;
  readonly tramos: readonly TramoEnVista[];
  /** Active entities assigned to no tramo (never late: they have no deadline). */
  readonly sinTramo: { readonly entidades: number; readonly porEstado: ConteoPorEstado };
}

export interface VistaTramo {
  readonly fecha: IsoDate;
  readonly tramo: TramoEnVista;
  /** Every active entity of the tramo, by code. */
  readonly entidades: readonly AdopcionEntidad[];
  /** The late ones, most days late first (then by code). */
  readonly atrasadas: readonly AdopcionEntidad[];
}

function enVista(tramo: TramoConsola, entidades: readonly AdopcionEntidad[], hoy: IsoDate): TramoEnVista {
  const resumen = resumenDe(tramo, entidades, hoy);
  const fechas = entidades.map((e) => e.implementadoEl);
  const primera = fechas.reduce<IsoDate>((min, f) => (f !== null && f < min ? f : min), tramo.fechaInicio);
  return {
    ...resumen,
    implementadosAlLimite: resumen.plazo.vencido ? implementadosAl(fechas, tramo.fechaLimite) : null,
    evolucion: evolucionDeAdopcion(fechas, entidades.length, primera, hoy),
  };
}

/**
 * GET /api/v1/tramos: every tramo's adoption today (coordinators and administrators; anyone else
 * FORBIDDEN). One set-based read of every active entity's steps (consultarAdopcion), grouped here; on the
 * replica when there is one (LecturasReplica).
 */
@Injectable()
export class ListTramosUseCase {
  constructor(
    private readonly lecturas: LecturasReplica,
    private readonly clock: Clock,
  ) {}

  async execute(command: { actor: StaffUser }): Promise<VistaTramos> {
    assertLeeConsola(command.actor);
    const hoy = limaDateOf(this.clock.now());
    const [tramos, filas] = await this.lecturas.leer(async (lector) => [await leerTramos(lector), await consultarAdopcion(lector)] as const);
    const porNumero = new Map(tramos.map((t) => [t.numero, t]));
    const entidades = filas.map((f) => adopcionDe(f, porNumero, hoy));
    const sinTramo = entidades.filter((e) => e.tramo === null);
    const porEstado = conteoVacio();
    for (const e of sinTramo) porEstado[e.estado] += 1;
    return {
      fecha: hoy,
      tramos: tramos.map((t) => enVista(t, entidades.filter((e) => e.tramo?.numero === t.numero), hoy)),
      sinTramo: { entidades: sinTramo.length, porEstado },
    };
  }
}

/**
 * GET /api/v1/tramos/{numero}: one tramo, its entities with their steps, and the late ones with what they miss; on
 * the replica when there is one (LecturasReplica).
 */
@Injectable()
export class GetTramoUseCase {
  constructor(
    private readonly lecturas: LecturasReplica,
    private readonly clock: Clock,
  ) {}

  async execute(command: { actor: StaffUser; numero: number }): Promise<VistaTramo> {
    assertLeeConsola(command.actor);
    const hoy = limaDateOf(this.clock.now());
    const leido = await this.lecturas.leer(async (lector) => {
      const [tramo] = await leerTramos(lector, command.numero);
      return tramo ? { tramo, filas: await consultarAdopcion(lector, { tramoId: tramo.numero }) } : null;
    });
    if (!leido) throw tramoNoEncontrado();
    const { tramo, filas } = leido;
    const entidades = filas.map((f) => adopcionDe(f, new Map([[tramo.numero, tramo]]), hoy));
    const atrasadas = entidades
      .filter((e) => e.diasDeRetraso !== null)
      .sort((a, b) => (b.diasDeRetraso ?? 0) - (a.diasDeRetraso ?? 0) || (a.codigo < b.codigo ? -1 : 1));
    return { fecha: hoy, tramo: enVista(tramo, entidades, hoy), entidades, atrasadas };
  }
}
