import { Injectable } from '@nestjs/common';
import { LecturasReplica } from '@app/persistence';
import { sumasDeContadores } from '../rollup/contadores';
import { FiltrosCifras, ResumenCifras } from './cifras';
import { condiciones } from './condiciones';
import { Periodo } from './periodo';
import { contadoresDe, resumenDe } from './resumen';

/**
 * The figures a series of periods can follow, each exactly as an entity's figures page shows it for
 * the same period and filters (`ResumenCifras`, from the same counters):
 * - `recibidos`: reclamos registered in the period (Lima registration date), whatever became of them
 *   afterwards (anulados, reconducidos and trasladados included: the book never loses a page, and the page
 *   shows them apart);
 * - `notificados`: answers notified in the period (the notification's Lima date; for e-mail, the SMTP
 *   acceptance);
 * - `enPlazoLegalPct`: of those, % notified within the law's 30 días hábiles (D.S. 007-2020-PCM), counted
 *   from the business day the reclamo counts as filed, minus the days a subsanación paused the clock; one
 *   decimal; null when nothing was notified;
 * - `satisfaccionGeneral`: mean overall rating (1–5, one decimal) of the surveys answered in the period;
 *   null when none was.
 */
export const CIFRAS_DE_SERIE = ['recibidos', 'notificados', 'enPlazoLegalPct', 'satisfaccionGeneral'] as const;
export type CifraDeSerie = (typeof CIFRAS_DE_SERIE)[number];

const VALOR: Readonly<Record<CifraDeSerie, (r: ResumenCifras) => number | null>> = {
  recibidos: (r) => r.recibidos,
  notificados: (r) => r.notificados,
  enPlazoLegalPct: (r) => r.enPlazoLegalPct,
  satisfaccionGeneral: (r) => r.satisfaccion.general,
};

export interface GetCifraPorPeriodosCommand {
  /** The caller's entity (the tenant): the query reads its rollup rows only, whatever the filters name. */
  readonly entidadId: string;
  readonly cifra: CifraDeSerie;
  /** Dimensions of the rollup (aspecto, sede, unidad…); a catalogue id of another entity simply matches nothing. */
  readonly filtros: FiltrosCifras;
  /** Lima dates, both ends included; in any order, overlapping or not. */
  readonly periodos: readonly Periodo[];
}

/**
 * One figure for each period of a list (an indicator's months, quarters or years), in one query over
 * the entity's daily rollup (`cifra_diaria`, on its (entidad, dia) index), so a series and the entity's
 * figures page never disagree. Returns the values in the order of `periodos`: counts are 0 for a period
 * with nothing in it, shares and means null. Errors: only the database's. Read on the replica when there is one
 * (LecturasReplica): the rollup is a minute behind the cases anyway.
 */
@Injectable()
export class GetCifraPorPeriodosUseCase {
  constructor(private readonly lecturas: LecturasReplica) {}

  async execute(command: GetCifraPorPeriodosCommand): Promise<Array<number | null>> {
    const { entidadId, cifra, filtros, periodos } = command;
    if (periodos.length === 0) return [];
    const f = condiciones(filtros, 'c');
    const filas: Array<Record<string, unknown> & { i: number }> = await this.lecturas.consultar(
      `SELECT p.i::int AS i, ${sumasDeContadores('c.')}
         FROM unnest($2::date[], $3::date[]) WITH ORDINALITY AS p(desde, hasta, i)
         LEFT JOIN cifra_diaria c ON c.entidad_id = $1 AND c.dia BETWEEN p.desde AND p.hasta${f.sql}
        GROUP BY p.i`,
      [entidadId, periodos.map((p) => p.desde), periodos.map((p) => p.hasta), ...f.params],
    );
    const valores: Array<number | null> = periodos.map(() => null);
    for (const fila of filas) valores[fila.i - 1] = VALOR[cifra](resumenDe(contadoresDe(fila), null));
    return valores;
  }
}
