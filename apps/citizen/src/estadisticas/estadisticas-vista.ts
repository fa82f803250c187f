import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { DomainError, FieldError } from '@app/domain';
import { FilaPublica, MesPublico, MOTIVOS_RESERVA, MotivoReserva, Periodo, resolverPeriodoPublico, ResumenPublico } from '@app/medicion';
import { graficoDeBarras, graficoDeTendencia, graficoEnPlazo, Grafico, mesCorto } from '@app/medicion/graficos';

/** The period of the public figures as the address gives it (checked by `resolverPeriodoPublico`). */
export class EstadisticasQuery {
  @ApiPropertyOptional({ description: 'Primer día del periodo: el 1 de un mes (AAAA-MM-01, fecha de Lima). Por defecto, el primero de los últimos 12 meses cerrados.', example: '2026-01-01' })
  @IsOptional()
  @IsString({ message: 'desde: indique la fecha como AAAA-MM-DD' })
  @MaxLength(10, { message: 'desde: indique la fecha como AAAA-MM-DD' })
  desde?: string;

  @ApiPropertyOptional({ description: 'Último día, incluido: el último de un mes cerrado (AAAA-MM-DD, fecha de Lima). Por defecto, el fin del mes pasado.', example: '2026-06-30' })
  @IsOptional()
  @IsString({ message: 'hasta: indique la fecha como AAAA-MM-DD' })
  @MaxLength(10, { message: 'hasta: indique la fecha como AAAA-MM-DD' })
  hasta?: string;
}

const ETIQUETAS: Readonly<Record<string, string>> = { desde: 'Desde', hasta: 'Hasta' };

/** The period a page shows and its errors: with a bad query, the default period under the error summary. */
export function periodoDePagina(query: EstadisticasQuery, hoy: string): { periodo: Periodo; errores: Array<FieldError & { etiqueta: string }> } {
  try {
    return { periodo: resolverPeriodoPublico(query, hoy), errores: [] };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errores = error.errores.map((e) => ({ ...e, campo: `f-${e.campo}`, etiqueta: ETIQUETAS[e.campo] ?? e.campo }));
    return { periodo: resolverPeriodoPublico({}, hoy), errores };
  }
}

/** A value as the pages print it: «<5» (or «reservado») when withheld, «—» when there is nothing to compute. */
export function mostrar(valor: number | null, reserva: MotivoReserva | undefined, sufijo = ''): string {
  if (reserva) return MOTIVOS_RESERVA[reserva].marca;
  return valor === null ? '—' : `${valor.toLocaleString('es-PE')}${sufijo}`;
}

type ConReservas = { readonly reservas: Partial<Record<string, MotivoReserva>> } & Record<string, unknown>;

function celda<T extends ConReservas>(fila: T, campo: keyof T & string, sufijo = ''): string {
  return mostrar(fila[campo] as number | null, fila.reservas[campo], sufijo);
}

/** The summary's terms, as printed. */
export function resumenVista(r: ResumenPublico) {
  const s = r.satisfaccion;
  return {
    recibidos: celda(r, 'recibidos'),
    notificados: celda(r, 'notificados'),
    notificadosEnPlazoLegal: celda(r, 'notificadosEnPlazoLegal'),
    enPlazoLegalPct: celda(r, 'enPlazoLegalPct', ' %'),
    media: celda(r, 'diasHabilesMedia'),
    mediana: celda(r, 'diasHabilesMediana'),
    reconducidos: celda(r, 'reconducidos'),
    trasladados: celda(r, 'trasladados'),
    anulados: celda(r, 'anulados'),
    encuestas: celda(s, 'encuestas'),
    general: celda(s, 'general'),
    rapidez: celda(s, 'rapidez'),
    claridad: celda(s, 'claridad'),
    trato: celda(s, 'trato'),
    resuelto: celda(s, 'resueltoPct', ' %'),
  };
}

export function filasVista(filas: readonly FilaPublica[]) {
  return filas.map((f) => ({
    etiqueta: f.etiqueta,
    recibidos: celda(f, 'recibidos'),
    notificados: celda(f, 'notificados'),
    enPlazo: celda(f, 'notificadosEnPlazoLegal'),
    pct: celda(f, 'enPlazoLegalPct', ' %'),
  }));
}

export function mesesVista(meses: readonly MesPublico[]) {
  return meses.map((m) => ({
    mes: m.mes,
    etiqueta: mesCorto(m.mes),
    recibidos: celda(m, 'recibidos'),
    notificados: celda(m, 'notificados'),
    enPlazo: celda(m, 'notificadosEnPlazoLegal'),
  }));
}

/** The charts of a page, with the shared chart code: each from the same published numbers as its table. */
export async function graficosPublicos(e: { periodo: Periodo; resumen: ResumenPublico; porMes: readonly MesPublico[]; porAspecto: readonly FilaPublica[]; porCanal: readonly FilaPublica[] }): Promise<{
  tendencia: Grafico;
  enPlazo: Grafico;
  aspecto: Grafico;
  canal: Grafico;
}> {
  const barras = (filas: readonly FilaPublica[]) => filas.map((f) => ({ etiqueta: f.etiqueta, valor: f.recibidos }));
  const [tendencia, enPlazo, aspecto, canal] = await Promise.all([
    graficoDeTendencia('g-tendencia', e.porMes, e.resumen, e.periodo),
    graficoEnPlazo('g-en-plazo', e.resumen),
    graficoDeBarras('g-aspecto', 'Reclamos recibidos por aspecto', barras(e.porAspecto), 'aspecto'),
    graficoDeBarras('g-canal', 'Reclamos recibidos por canal', barras(e.porCanal), 'canal'),
  ]);
  return { tendencia, enPlazo, aspecto, canal };
}

/** The legend of the marks, for every page that may show one. */
export const LEYENDA_RESERVA = Object.values(MOTIVOS_RESERVA).filter((m, i, todos) => todos.findIndex((o) => o.marca === m.marca && o.texto === m.texto) === i);
