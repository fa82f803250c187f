import { Injectable } from '@nestjs/common';
import { IsoDate, limaDateOf } from '@app/calendar';
import { CODIGO_ENTIDAD_PATTERN, DomainError } from '@app/domain';
import { GetCifrasEntidadUseCase, PuntoMensual } from '@app/medicion';
import { LecturasReplica } from '@app/persistence';
import { Clock } from '@app/platform/clock';
import { StaffUser } from '@app/staff';
import { consultarAdopcion } from '../adopcion/adopcion.query';
import { AdopcionEntidad, adopcionDe, TramoConsola } from '../adopcion/consola';
import { AuditoriaDeConsola } from '../auditoria/auditoria-consola';
import { assertLeeConsola } from '../reglas/acceso';
import { PeriodoConsola } from '../reglas/periodo';

/**
 * An entity's compliance in a period, as the console shows it: counts and shares only (no catalogue,
 * no case, no person). Received by registration date, answered by the notification's date (Lima).
 */
export interface CumplimientoEntidad {
  readonly recibidos: number;
  readonly notificados: number;
  readonly notificadosEnPlazoLegal: number;
  /** % notified within the law's 30 business days, one decimal. */
  readonly enPlazoLegalPct: number | null;
  /** Median business days from filing to notification. */
  readonly diasHabilesMediana: number | null;
  /** Today (Lima date `fecha` of the answer), whatever the period. */
  readonly abiertosHoy: number;
  readonly vencidosHoy: number;
  readonly satisfaccion: {
    readonly encuestas: number;
    /** Mean overall satisfaction, 1–5, one decimal. */
    readonly general: number | null;
    /** % who say their problem was solved. */
    readonly resueltoPct: number | null;
  };
}

export interface VistaAdopcionEntidad {
  readonly fecha: IsoDate;
  readonly periodo: PeriodoConsola;
  readonly entidad: AdopcionEntidad;
  readonly cumplimiento: CumplimientoEntidad;
  readonly porMes: readonly PuntoMensual[];
}

export function entidadNoEncontrada(): DomainError {
  return new DomainError('ENTIDAD_NOT_FOUND', 'No existe una entidad activa con ese código.');
}

/**
 * GET /api/v1/adopcion/entidades/{codigo}: one active entity's adoption steps and its compliance in a
 * period (from the figures' rollups through GetCifrasEntidadUseCase). Coordinators and administrators
 * only; the read is recorded in the log of reads (`registro_acceso`) as 'cifras_consultadas' (who, when, from
 * which address, which period), committed before the figures are returned. The reads are one snapshot on the replica
 * when there is one (LecturasReplica: rollups, a minute behind anyway); the log of reads is written on the primary.
 */
@Injectable()
export class GetAdopcionEntidadUseCase {
  constructor(
    private readonly lecturas: LecturasReplica,
    private readonly cifras: GetCifrasEntidadUseCase,
    private readonly auditoria: AuditoriaDeConsola,
    private readonly clock: Clock,
  ) {}

  async execute(command: { actor: StaffUser; codigo: string; periodo: PeriodoConsola; ip: string | null }): Promise<VistaAdopcionEntidad> {
    assertLeeConsola(command.actor);
    const codigo = command.codigo.trim().toUpperCase();
    if (!CODIGO_ENTIDAD_PATTERN.test(codigo)) throw entidadNoEncontrada();
    const hoy = limaDateOf(this.clock.now());
    const leido = await this.lecturas.leer(async (lector) => {
      const [fila] = await consultarAdopcion(lector, { codigo });
      if (!fila) return null;
      const tramos: TramoConsola[] =
        fila.tramoId === null
          ? []
          : await lector.query(
              `SELECT id AS numero, nombre, descripcion, tipos_entidad AS "tiposEntidad", fecha_inicio::text AS "fechaInicio", fecha_limite::text AS "fechaLimite"
                 FROM tramo WHERE id = $1`,
              [fila.tramoId],
            );
      const c = await this.cifras.execute({ entidadId: fila.id, periodo: { desde: command.periodo.desde, hasta: command.periodo.hasta }, filtros: {} }, lector);
      return { fila, tramos, c };
    });
    if (!leido) throw entidadNoEncontrada();
    const { fila, tramos, c } = leido;
    await this.auditoria.cifrasConsultadas(command.actor, command.ip, [fila.id], { vista: 'consola_entidad', periodo: command.periodo.clave });
    const r = c.resumen;
    return {
      fecha: hoy,
      periodo: command.periodo,
      entidad: adopcionDe(fila, new Map(tramos.map((t) => [t.numero, t])), hoy),
      cumplimiento: {
        recibidos: r.recibidos,
        notificados: r.notificados,
        notificadosEnPlazoLegal: r.notificadosEnPlazoLegal,
        enPlazoLegalPct: r.enPlazoLegalPct,
        diasHabilesMediana: r.diasHabilesMediana,
        abiertosHoy: c.ahora.abiertos,
        vencidosHoy: c.ahora.vencidos,
        satisfaccion: { encuestas: r.satisfaccion.encuestas, general: r.satisfaccion.general, resueltoPct: r.satisfaccion.resueltoPct },
      },
      porMes: c.porMes,
    };
  }
}
