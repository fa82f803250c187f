import { Injectable } from '@nestjs/common';
import { QueryRunner } from 'typeorm';
import { LecturasReplica } from '@app/persistence';
import { CONTADORES, HISTOGRAMA_CUBETAS, sumasDeContadores } from '../rollup/contadores';
import { CifrasNacionales } from './cifras';
import { completarMeses } from './get-cifras-entidad.usecase';
import { medianaDeHistograma, partirEnMeses, Periodo } from './periodo';
import { contadoresDe, resumenDe } from './resumen';

/**
 * The country's figures (every entity) for a period: whole months from `cifra_nacional_mensual`
 * (twelve rows a year), and the loose days at the edges of a custom range from every entity's daily
 * rows by date. No entity, person or text: aggregates only, for coordinators and the public pages.
 * The median comes from the monthly histograms (60 business days or more counted as 60). Read on the replica when
 * there is one (LecturasReplica): the rollups are a minute behind the cases anyway.
 */
@Injectable()
export class GetCifrasNacionalesUseCase {
  constructor(private readonly lecturas: LecturasReplica) {}

  /** `lector`: a read-only transaction of the caller's, to read these figures in its snapshot; without it, one of its own. */
  execute(command: { periodo: Periodo }, lector?: QueryRunner): Promise<CifrasNacionales> {
    return lector ? this.leer(command.periodo, lector) : this.lecturas.leer((propio) => this.leer(command.periodo, propio));
  }

  private async leer(periodo: Periodo, lector: QueryRunner): Promise<CifrasNacionales> {
    const { mesesCompletos, bordes } = partirEnMeses(periodo);
    const filas: Array<Record<string, unknown> & { mes: string; histograma: number[] }> = await lector.query(
      `SELECT to_char(mes, 'YYYY-MM') AS mes, ${CONTADORES.join(', ')}, histograma_dias AS histograma
         FROM cifra_nacional_mensual WHERE mes = ANY ($1::date[])`,
      [mesesCompletos],
    );
    for (const borde of bordes) {
      const [fila]: Array<Record<string, unknown> & { histograma: number[] | null }> = await lector.query(
        `SELECT ${sumasDeContadores('c.')},
                (SELECT array_agg(coalesce(k.n, 0) ORDER BY b) FROM generate_series(0, ${HISTOGRAMA_CUBETAS - 1}) AS b LEFT JOIN (
                   SELECT least(v, ${HISTOGRAMA_CUBETAS - 1}) AS cubeta, count(*)::int AS n
                     FROM cifra_diaria c2 CROSS JOIN LATERAL unnest(c2.dias_habiles) AS v
                    WHERE c2.dia BETWEEN $1::date AND $2::date GROUP BY 1) k ON k.cubeta = b) AS histograma
           FROM cifra_diaria c WHERE c.dia BETWEEN $1::date AND $2::date`,
        [borde.desde, borde.hasta],
      );
      filas.push({ ...fila, mes: borde.desde.slice(0, 7), histograma: fila.histograma ?? [] });
    }
    const total = contadoresDe(undefined);
    const histograma = new Array<number>(HISTOGRAMA_CUBETAS).fill(0);
    const meses = new Map<string, { mes: string; recibidos: number; notificados: number; legal: number }>();
    for (const fila of filas) {
      const c = contadoresDe(fila);
      for (const k of CONTADORES) total[k] += c[k];
      fila.histograma.forEach((n, i) => (histograma[i] += Number(n)));
      const m = meses.get(fila.mes) ?? { mes: fila.mes, recibidos: 0, notificados: 0, legal: 0 };
      m.recibidos += c.recibidos;
      m.notificados += c.notificados;
      m.legal += c.notificados_en_plazo_legal;
      meses.set(fila.mes, m);
    }
    return {
      periodo,
      resumen: resumenDe(total, medianaDeHistograma(histograma)),
      porMes: completarMeses(periodo, [...meses.values()]),
    };
  }
}
