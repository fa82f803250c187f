import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TIPO_ENTIDAD_LABELS, TipoEntidad } from '@app/domain';
import { ubigeoNombres } from '@app/domain/ubigeo';

export interface EntidadResumen {
  codigo: string;
  nombre: string;
  tipo: TipoEntidad;
  tipoEtiqueta: string;
  sector: string;
  /** INEI code of the entity's seat (6 digits), and where that is, in words («Miraflores, Lima»). */
  ubigeo: string;
  lugar: string;
}

export interface BusquedaEntidades {
  /** What the person typed: words in any order, with or without accents or capitals, or siglas. */
  q?: string;
  tipo?: TipoEntidad;
  /** A departamento's 2-digit INEI code (the entity's seat). */
  departamento?: string;
  /** From 1. */
  pagina?: number;
  /** 1 to 100; 20 by default. */
  porPagina?: number;
}

export interface ResultadoBusquedaEntidades {
  entidades: EntidadResumen[];
  /** Every entity that matches, for «Mostrando N de M». */
  total: number;
  pagina: number;
  porPagina: number;
  /**
   * True when nothing matched every word and these are the nearest names by trigram similarity
   * (a typo: «educasion»); the page says so.
   */
  aproximado: boolean;
}

/** Words are letters and digits; anything else typed between them only separates them. */
const PALABRA = /[\p{L}\p{N}]+/gu;
const MAX_PALABRAS = 8;
const MAX_LARGO_PALABRA = 40;
/** How close a typed word must be to a word of the entity's names to be offered when nothing matched exactly. */
const UMBRAL_APROXIMADO = 0.45;

/**
 * Citizens look an entity up as they would say it: «educacion», «EDUCACIÓN», «ministerio educacion»,
 * «Minedu», «municipalidad de Miraflores», «Peru». Each typed word must appear, in any order, in the
 * entity's code, official name or alternate names (siglas, common names), compared folded by
 * PostgreSQL (`plegar_texto`: no accents, no case, NFKC) against the generated, trigram-indexed
 * `entidad.busqueda`. Ranked: an exact code or alternate name first, then names that start with what
 * was typed, then by trigram similarity of the name, then alphabetically. Filters by kind and by the
 * departamento of the entity's seat make a browse without typing. Only active entities.
 */
@Injectable()
export class SearchEntidadesUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(busqueda: BusquedaEntidades): Promise<ResultadoBusquedaEntidades> {
    const palabras = (busqueda.q ?? '').match(PALABRA)?.slice(0, MAX_PALABRAS).map((w) => w.slice(0, MAX_LARGO_PALABRA)) ?? [];
    const porPagina = Math.min(Math.max(busqueda.porPagina ?? 20, 1), 100);
    const pagina = Math.max(busqueda.pagina ?? 1, 1);
    const exacta = await this.buscar(palabras, busqueda, pagina, porPagina, false);
    if (exacta.total > 0 || palabras.length === 0) return exacta;
    return this.buscar(palabras, busqueda, pagina, porPagina, true);
  }

  private async buscar(
    palabras: string[],
    busqueda: BusquedaEntidades,
    pagina: number,
    porPagina: number,
    aproximado: boolean,
  ): Promise<ResultadoBusquedaEntidades> {
    const params: unknown[] = [];
    const p = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const frase = `plegar_texto(${p(palabras.join(' '))})`;
    const where = ['e.activo'];
    if (aproximado) {
      // «educasion»: names with a word close to what was typed (word_similarity ≥ UMBRAL_APROXIMADO, by the index).
      where.push(`${frase} <% e.busqueda`);
    } else {
      for (const palabra of palabras) where.push(`e.busqueda LIKE '%' || plegar_texto(${p(palabra)}) || '%'`);
    }
    if (busqueda.tipo) where.push(`e.tipo = ${p(busqueda.tipo)}`);
    if (busqueda.departamento) where.push(`left(e.ubigeo, 2) = ${p(busqueda.departamento)}`);
    const orden = aproximado
      ? `word_similarity(${frase}, e.busqueda) DESC, e.nombre`
      : `(plegar_texto(e.codigo) = ${frase} OR ${frase} = ANY (SELECT plegar_texto(a) FROM unnest(e.nombres_alternos) a)) DESC,
         (plegar_texto(e.nombre) LIKE ${frase} || '%') DESC,
         similarity(plegar_texto(e.nombre), ${frase}) DESC,
         e.nombre`;
    const sql = `SELECT e.codigo, e.nombre, e.tipo, e.sector, e.ubigeo, count(*) OVER () AS total
                   FROM entidad e
                  WHERE ${where.join(' AND ')}
                  ORDER BY ${orden}
                  LIMIT ${porPagina} OFFSET ${(pagina - 1) * porPagina}`;
    type Row = { codigo: string; nombre: string; tipo: TipoEntidad; sector: string; ubigeo: string; total: string };
    const rows: Row[] = aproximado
      ? await this.dataSource.transaction(async (manager) => {
          // The default 0.6 misses one wrong letter in a short word («educasion» scores 0.54 against «educacion»).
          await manager.query(`SET LOCAL pg_trgm.word_similarity_threshold = ${UMBRAL_APROXIMADO}`);
          return manager.query<Row[]>(sql, params);
        })
      : await this.dataSource.query<Row[]>(sql, params);
    let total = rows.length > 0 ? Number(rows[0].total) : 0;
    if (rows.length === 0 && pagina > 1) total = await this.contar(where, params);
    return {
      entidades: rows.map(({ total: _total, ...r }) => ({ ...r, tipoEtiqueta: TIPO_ENTIDAD_LABELS[r.tipo], lugar: lugarDe(r.ubigeo) })),
      total,
      pagina,
      porPagina,
      aproximado,
    };
  }

  /** A page past the last still says how many there are. */
  private async contar(where: string[], params: unknown[]): Promise<number> {
    const [row]: Array<{ n: string }> = await this.dataSource.query(
      `SELECT count(*) AS n FROM entidad e WHERE ${where.join(' AND ')}`,
      params,
    );
    return Number(row?.n ?? 0);
  }
}

/** «Miraflores, Lima» (distrito and departamento); the departamento alone where both are the same name. */
function lugarDe(ubigeo: string): string {
  const nombres = ubigeoNombres(ubigeo);
  if (!nombres) return '';
  return nombres.distrito === nombres.departamento ? nombres.departamento : `${nombres.distrito}, ${nombres.departamento}`;
}
