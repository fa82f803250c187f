import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { limaDateOf } from '@app/calendar';
import { LecturasReplica } from '@app/persistence';
import { Clock } from '@app/platform/clock';
import { Aspecto, Canal } from '@app/domain';
import { Celda, reservarCruce, sobreBase } from './supresion';

/** The file's name, in its address and its download. */
export const ARCHIVO_RECLAMOS_POR_ENTIDAD = 'reclamos-por-entidad.csv';

/** Published files kept (a week of daily files): older rows are deleted when a new one is written. */
const ARCHIVOS_GUARDADOS = 7;

/**
 * The columns of the open-data file, in order, as the schema page (/datos-abiertos) documents them: name, type,
 * meaning and unit. Names in snake_case, as the national open-data portal's datasets use.
 */
export const COLUMNAS_RECLAMOS_POR_ENTIDAD: ReadonlyArray<{ readonly nombre: string; readonly tipo: string; readonly descripcion: string }> = [
  { nombre: 'mes', tipo: 'texto AAAA-MM', descripcion: 'Mes calendario, en fechas de Lima (UTC−5). Solo meses cerrados.' },
  { nombre: 'entidad_codigo', tipo: 'texto', descripcion: 'Código de la entidad en la plataforma (el de su libro: /e/<código>).' },
  { nombre: 'entidad_nombre', tipo: 'texto', descripcion: 'Nombre de la entidad.' },
  { nombre: 'aspecto', tipo: 'texto (código)', descripcion: 'Aspecto del reclamo, clasificación del D.S. N° 007-2020-PCM: trato_profesional, informacion, tiempo_espera, acceso, resultado, confianza.' },
  { nombre: 'canal', tipo: 'texto (código)', descripcion: 'Por dónde llegó el reclamo: virtual (libro virtual) o fisico (hoja del libro físico).' },
  { nombre: 'recibidos', tipo: 'entero', descripcion: 'Reclamos registrados en el mes (por su fecha de registro).' },
  { nombre: 'notificados', tipo: 'entero', descripcion: 'Respuestas notificadas en el mes (por la fecha de notificación; por correo, la de su aceptación por el servidor del ciudadano).' },
  { nombre: 'notificados_en_plazo_legal', tipo: 'entero', descripcion: 'De esas respuestas, las notificadas dentro del plazo legal de 30 días hábiles.' },
  { nombre: 'mediana_dias_habiles_notificacion', tipo: 'decimal (punto)', descripcion: 'Mediana de los días hábiles desde que el reclamo se tiene por presentado hasta la notificación de la respuesta, de las respuestas notificadas en el mes. Vacía si no hubo ninguna.' },
  { nombre: 'celdas_reservadas', tipo: 'texto', descripcion: 'Las columnas de la fila que se dejaron vacías por reserva estadística, como columna:motivo separadas por «;» (motivos: menor_a_5, base_menor_a_5, complementaria). Vacía si no hay ninguna.' },
];

/** Metadata of a published file (the schema page, the download's headers). */
export interface ArchivoDatosAbiertos {
  readonly nombre: string;
  readonly generadoEn: Date;
  /** The last month the file covers (AAAA-MM), or null when there was nothing to publish yet. */
  readonly ultimoMes: string | null;
  readonly filas: number;
  readonly bytes: number;
  readonly sha256: string;
}

interface FilaMes {
  mes: string;
  entidad_id: string;
  codigo: string;
  nombre: string;
  aspecto: string;
  canal: string;
  recibidos: number;
  notificados: number;
  legal: number;
  mediana: number | null;
}

/** RFC 4180 field; a leading =, +, - or @ is neutralised so a spreadsheet never runs a name as a formula. */
function campo(valor: string | number | null): string {
  let texto = valor === null ? '' : String(valor);
  if (typeof valor === 'string' && /^[=+\-@\t\r]/.test(texto)) texto = `'${texto}`;
  return /[",\r\n;]/.test(texto) ? `"${texto.replace(/"/g, '""')}"` : texto;
}

const ASPECTOS: readonly string[] = Object.values(Aspecto);
const CANALES: readonly string[] = Object.values(Canal);

/**
 * One entity-month's rows under the small-cell rule: its aspecto × canal table with the margins the public pages
 * publish for that month (an aspect's, a channel's and the month's totals), each count column through
 * `reservarCruce`, the same function the pages' breakdowns use, so the file and the pages hide the same values;
 * the median over 5 notified or more.
 */
function lineasDeEntidadMes(filas: readonly FilaMes[]): string[] {
  const por = new Map(filas.map((f) => [`${f.aspecto}|${f.canal}`, f]));
  const cruce = (m: 'recibidos' | 'notificados' | 'legal') => reservarCruce(ASPECTOS.map((a) => CANALES.map((c) => por.get(`${a}|${c}`)?.[m] ?? 0)));
  const columnas: Array<[string, ReturnType<typeof reservarCruce>]> = [
    ['recibidos', cruce('recibidos')],
    ['notificados', cruce('notificados')],
    ['notificados_en_plazo_legal', cruce('legal')],
  ];
  const lineas: string[] = [];
  ASPECTOS.forEach((a, i) =>
    CANALES.forEach((c, j) => {
      const f = por.get(`${a}|${c}`);
      if (!f) return;
      const celdas: Array<[string, Celda]> = [
        ...columnas.map(([nombre, x]): [string, Celda] => [nombre, x.celdas[i][j]]),
        ['mediana_dias_habiles_notificacion', sobreBase(f.mediana, f.notificados)],
      ];
      const reservadas = celdas.filter(([, x]) => x.reserva !== null).map(([nombre, x]) => `${nombre}:${x.reserva}`);
      lineas.push([f.mes, f.codigo, f.nombre, a, c, ...celdas.map(([, x]) => x.valor), reservadas.join(';')].map(campo).join(','));
    }),
  );
  return lineas;
}

/**
 * Builds and publishes the open-data file `reclamos-por-entidad.csv`: one row per entity × month × aspecto × canal
 * with a reclamo received or an answer notified, every closed month up to the one before today's (Lima), from the
 * monthly rollup by canal × aspecto (read month by month, so memory holds one month's rows and the text). UTF-8
 * without BOM, comma-separated, CRLF line ends (RFC 4180), a header row of snake_case names: what open-data
 * portals and tools (CKAN, pandas, R) read as is; the schema page says how to open it in a spreadsheet.
 * The only writer of `datos_abiertos_archivo`: one new row per run, the last `ARCHIVOS_GUARDADOS` kept. The rollups
 * are read on the replica when there is one (LecturasReplica; closed months, which its lag cannot change), in one
 * snapshot; the file is written on the primary.
 */
@Injectable()
export class PublicarDatosAbiertosUseCase {
  private readonly logger = new Logger(PublicarDatosAbiertosUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lecturas: LecturasReplica,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<ArchivoDatosAbiertos> {
    const generadoEn = this.clock.now();
    const hoy = limaDateOf(generadoEn);
    const { meses, partes, filas } = await this.lecturas.leer((lector) => this.leerMeses(lector, `${hoy.slice(0, 7)}-01`));
    const contenido = Buffer.from(partes.join(''), 'utf8');
    const archivo: ArchivoDatosAbiertos = {
      nombre: ARCHIVO_RECLAMOS_POR_ENTIDAD,
      generadoEn,
      ultimoMes: meses.length === 0 ? null : meses[meses.length - 1].mes.slice(0, 7),
      filas,
      bytes: contenido.length,
      sha256: createHash('sha256').update(contenido).digest('hex'),
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO datos_abiertos_archivo (nombre, generado_en, ultimo_mes, filas, bytes, sha256, contenido)
         VALUES ($1, $2, $3::date, $4, $5, $6, $7)`,
        [archivo.nombre, generadoEn, meses.length === 0 ? null : meses[meses.length - 1].mes, filas, contenido.length, archivo.sha256, contenido],
      );
      await manager.query(
        `DELETE FROM datos_abiertos_archivo WHERE nombre = $1 AND id NOT IN (
           SELECT id FROM datos_abiertos_archivo WHERE nombre = $1 ORDER BY id DESC LIMIT ${ARCHIVOS_GUARDADOS})`,
        [archivo.nombre],
      );
    });
    this.logger.log({ archivo: archivo.nombre, filas, bytes: archivo.bytes, ultimoMes: archivo.ultimoMes }, 'Datos abiertos publicados');
    return archivo;
  }

  /** The file's lines, every closed month before `primeroDelMes` (the first of today's month, Lima). */
  private async leerMeses(lector: QueryRunner, primeroDelMes: string): Promise<{ meses: Array<{ mes: string }>; partes: string[]; filas: number }> {
    const meses: Array<{ mes: string }> = await lector.query(
      `SELECT DISTINCT mes::text AS mes FROM cifra_mensual_desglose WHERE mes < $1::date ORDER BY 1`,
      [primeroDelMes],
    );
    const partes: string[] = [`${COLUMNAS_RECLAMOS_POR_ENTIDAD.map((c) => c.nombre).join(',')}\r\n`];
    let filas = 0;
    for (const { mes } of meses) {
      const delMes: FilaMes[] = await lector.query(
        `SELECT to_char(m.mes, 'YYYY-MM') AS mes, m.entidad_id, e.codigo, e.nombre, m.aspecto, m.canal,
                m.recibidos, m.notificados, m.notificados_en_plazo_legal AS legal,
                (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY v)::numeric, 1)::float8 FROM unnest(m.dias_habiles) AS v) AS mediana
           FROM cifra_mensual_desglose m JOIN entidad e ON e.id = m.entidad_id
          WHERE m.mes = $1::date AND e.activo AND (m.recibidos > 0 OR m.notificados > 0)
          ORDER BY e.codigo`,
        [mes],
      );
      let inicio = 0;
      while (inicio < delMes.length) {
        let fin = inicio;
        while (fin < delMes.length && delMes[fin].entidad_id === delMes[inicio].entidad_id) fin += 1;
        const lineas = lineasDeEntidadMes(delMes.slice(inicio, fin));
        partes.push(...lineas.map((l) => `${l}\r\n`));
        filas += lineas.length;
        inicio = fin;
      }
    }
    return { meses, partes, filas };
  }
}

const COLUMNAS_ARCHIVO = `nombre, generado_en AS "generadoEn", to_char(ultimo_mes, 'YYYY-MM') AS "ultimoMes", filas, bytes, sha256`;

/**
 * The last published file (what the citizen app serves): its metadata, and its bytes on request. Read only. "Last" is
 * the last row written (the identity), not the latest `generado_en`: a clock set back never hides a newer file.
 * Read on the replica when there is one (LecturasReplica): a file published a few seconds ago may be served a few
 * seconds later; the one before it is a day's file all the same.
 */
@Injectable()
export class GetDatosAbiertosUseCase {
  constructor(private readonly lecturas: LecturasReplica) {}

  async ultimo(nombre = ARCHIVO_RECLAMOS_POR_ENTIDAD): Promise<ArchivoDatosAbiertos | null> {
    const [fila]: ArchivoDatosAbiertos[] = await this.lecturas.consultar(
      `SELECT ${COLUMNAS_ARCHIVO} FROM datos_abiertos_archivo WHERE nombre = $1 ORDER BY id DESC LIMIT 1`,
      [nombre],
    );
    return fila ?? null;
  }

  async contenido(nombre = ARCHIVO_RECLAMOS_POR_ENTIDAD): Promise<(ArchivoDatosAbiertos & { contenido: Buffer }) | null> {
    const [fila]: Array<ArchivoDatosAbiertos & { contenido: Buffer }> = await this.lecturas.consultar(
      `SELECT ${COLUMNAS_ARCHIVO}, contenido FROM datos_abiertos_archivo WHERE nombre = $1 ORDER BY id DESC LIMIT 1`,
      [nombre],
    );
    return fila ?? null;
  }
}
