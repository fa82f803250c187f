import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { ASPECTO_LABELS, Aspecto, Canal, DomainError, FieldError, ValidationFailedError } from '@app/domain';
import { Clock } from '@app/platform/clock';
import { FiltrosCifras } from '../figures/cifras';
import { entidadDeCifras } from '../figures/cifras-access';
import { AlmacenExportaciones } from './almacen-exportaciones';
import { ETIQUETA_CANAL } from './detalle-cifras';
import {
  EntradaSolicitud,
  EstadoExportacion,
  FILTROS_DE_CATALOGO,
  FiltroDeCatalogo,
  FormatoExportacion,
  LectorExportacion,
  nombreDeArchivoExportacion,
  ParametrosExportacion,
  puedeVerExportacion,
  TIPO_MIME_EXPORTACION,
  TipoExportacion,
  validarSolicitud,
} from './exportacion';
import { ExportacionRepository, ExportacionRow } from './exportacion.repository';
import { ExportacionesQueue } from './exportaciones-queue';

/**
 * An export as the API and the pages show it. Instants are ISO 8601 in UTC (pages show them as Lima
 * date and time); the period is Lima dates. `archivo` only while the file can be downloaded.
 */
export interface ExportacionVista {
  readonly id: string;
  readonly tipo: TipoExportacion;
  readonly formato: FormatoExportacion;
  readonly estado: EstadoExportacion;
  /** 0–100: rows written over the rows the period has (100 only once the file is stored). */
  readonly progreso: number;
  readonly filasEscritas: number;
  /** Rows of the detail, known once the worker has started. */
  readonly filasTotal: number | null;
  readonly parametros: ParametrosExportacion;
  readonly solicitadoPor: { readonly id: string; readonly nombre: string };
  readonly creadoEn: string;
  readonly iniciadoEn: string | null;
  readonly terminadoEn: string | null;
  /** When the ready file is removed (7 calendar days after it was finished). */
  readonly expiraEn: string | null;
  readonly vencidoEn: string | null;
  readonly intentos: number;
  /** Why it failed, in Spanish, for the person (never an internal error). */
  readonly motivoFalla: string | null;
  readonly archivo: { readonly nombre: string; readonly tipoMime: string; readonly bytes: number } | null;
}

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

export function vistaDe(x: ExportacionRow): ExportacionVista {
  return {
    id: x.id,
    tipo: x.tipo,
    formato: x.formato,
    estado: x.estado,
    progreso: x.progreso,
    filasEscritas: x.filasEscritas,
    filasTotal: x.filasTotal,
    parametros: x.parametros,
    solicitadoPor: { id: x.solicitadoPor, nombre: x.solicitadoPorNombre },
    creadoEn: new Date(x.creadoEn).toISOString(),
    iniciadoEn: iso(x.iniciadoEn),
    terminadoEn: iso(x.terminadoEn),
    expiraEn: iso(x.expiraEn),
    vencidoEn: iso(x.vencidoEn),
    intentos: x.intentos,
    motivoFalla: x.motivoFalla,
    archivo:
      x.estado === 'lista' && x.bytes !== null
        ? { nombre: nombreDeArchivoExportacion(x), tipoMime: TIPO_MIME_EXPORTACION[x.formato], bytes: x.bytes }
        : null,
  };
}

export interface ExportacionCommand {
  /** The signed-in staff member: their entity scopes everything (coordinators and administrators: 403). */
  readonly actor: LectorExportacion;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const noExiste = (): DomainError => new DomainError('EXPORTACION_NOT_FOUND', 'No encontramos esa exportación entre las suyas.');

/** The row if the actor may see it; otherwise the same 404 as an id that does not exist (another entity's too). */
async function visibleParaActor(repo: ExportacionRepository, actor: LectorExportacion, exportacionId: string): Promise<ExportacionRow> {
  entidadDeCifras(actor);
  if (!UUID.test(exportacionId)) throw noExiste();
  const row = await repo.buscar(exportacionId);
  if (!row || !puedeVerExportacion(actor, row)) throw noExiste();
  return row;
}

/**
 * Asks for an export (POST /api/v1/exportaciones, the /cifras page's form): checks the request (every
 * wrong field named in Spanish), writes the `exportacion` row and enqueues its job (jobId = the row's id).
 * The same request of the same person still in flight is returned instead of a second one; a fourth
 * request in flight is refused (409). If Redis does not answer, the row stays `pendiente` and the
 * worker's sweep enqueues it within minutes: the database is the truth, the queue a trigger.
 */
@Injectable()
export class SolicitarExportacionUseCase {
  private readonly logger = new Logger(SolicitarExportacionUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: ExportacionRepository,
    private readonly queue: ExportacionesQueue,
    private readonly clock: Clock,
  ) {}

  async execute(command: ExportacionCommand & { solicitud: EntradaSolicitud }): Promise<{ exportacion: ExportacionVista; nueva: boolean }> {
    const entidadId = entidadDeCifras(command.actor);
    const s = validarSolicitud(command.solicitud);
    await this.filtrosDeLaEntidad(entidadId, s.filtros);
    const parametros: ParametrosExportacion = { desde: s.periodo.desde, hasta: s.periodo.hasta, filtros: s.filtros };
    const { id, nueva } = await this.repo.solicitar({
      entidadId,
      solicitadoPor: command.actor.id,
      tipo: s.tipo,
      formato: s.formato,
      parametros,
      ahora: this.clock.now(),
    });
    if (nueva) {
      try {
        await this.queue.encolar(id);
      } catch (error) {
        // Not lost: the sweep (barrido-exportaciones) enqueues pending rows whose job is missing.
        this.logger.warn({ err: error, exportacionId: id }, 'No se pudo encolar la exportación; el barrido la encolará');
      }
      this.logger.log({ exportacionId: id, entidadId, usuarioId: command.actor.id, tipo: s.tipo, formato: s.formato }, 'Exportación solicitada');
    }
    const row = await this.repo.buscar(id);
    if (!row) throw noExiste();
    return { exportacion: vistaDe(row), nueva };
  }

  /** A catalogue filter must be a row of the entity's own catalogue (the same message for another entity's and for none). */
  private async filtrosDeLaEntidad(entidadId: string, filtros: Partial<Record<FiltroDeCatalogo, string>>): Promise<void> {
    const tablas: Record<FiltroDeCatalogo, string> = { sedeId: 'sede', unidadId: 'unidad_organica', servicioId: 'servicio', temaId: 'tema' };
    const errores: FieldError[] = [];
    for (const filtro of Object.keys(FILTROS_DE_CATALOGO) as FiltroDeCatalogo[]) {
      const id = filtros[filtro];
      if (id === undefined) continue;
      const [{ existe }]: Array<{ existe: boolean }> = await this.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM ${tablas[filtro]} WHERE id = $1 AND entidad_id = $2) AS existe`,
        [id, entidadId],
      );
      if (!existe) errores.push({ campo: `filtros.${filtro}`, mensaje: FILTROS_DE_CATALOGO[filtro] });
    }
    if (errores.length > 0) throw new ValidationFailedError(errores);
  }
}

/** A filter of an export as people read it: «Sede: Sede Norte». */
export interface FiltroDescrito {
  readonly filtro: string;
  readonly valor: string;
}

const NOMBRE_DE_FILTRO: Readonly<Record<keyof FiltrosCifras, string>> = {
  canal: 'Canal',
  aspecto: 'Aspecto',
  sedeId: 'Sede',
  unidadId: 'Unidad orgánica',
  servicioId: 'Servicio',
  temaId: 'Tema',
};

/** One export's state and progress, for the person who asked and their entity's responsables (anyone else: 404). */
@Injectable()
export class GetExportacionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: ExportacionRepository,
  ) {}

  async execute(command: ExportacionCommand & { exportacionId: string }): Promise<ExportacionVista & { filtrosDescritos: FiltroDescrito[] }> {
    const row = await visibleParaActor(this.repo, command.actor, command.exportacionId);
    return { ...vistaDe(row), filtrosDescritos: await this.describir(row.entidadId, row.parametros.filtros) };
  }

  /** The filters by name, from the entity's own catalogues (an id no longer there reads «no disponible»). */
  private async describir(entidadId: string, filtros: FiltrosCifras): Promise<FiltroDescrito[]> {
    const tablas: Record<FiltroDeCatalogo, string> = { sedeId: 'sede', unidadId: 'unidad_organica', servicioId: 'servicio', temaId: 'tema' };
    const salida: FiltroDescrito[] = [];
    for (const [clave, valor] of Object.entries(filtros) as Array<[keyof FiltrosCifras, string]>) {
      let texto = valor;
      if (clave === 'canal') texto = ETIQUETA_CANAL[valor as Canal] ?? valor;
      else if (clave === 'aspecto') texto = ASPECTO_LABELS[valor as Aspecto] ?? valor;
      else {
        const [fila]: Array<{ nombre: string }> = await this.dataSource.query(`SELECT nombre FROM ${tablas[clave]} WHERE id = $1 AND entidad_id = $2`, [valor, entidadId]);
        texto = fila?.nombre ?? 'no disponible';
      }
      salida.push({ filtro: NOMBRE_DE_FILTRO[clave], valor: texto });
    }
    return salida;
  }
}

/** The actor's own latest exports in their entity (the list on /cifras), newest first. */
@Injectable()
export class ListExportacionesUseCase {
  constructor(private readonly repo: ExportacionRepository) {}

  async execute(command: ExportacionCommand & { limite?: number }): Promise<ExportacionVista[]> {
    const entidadId = entidadDeCifras(command.actor);
    const rows = await this.repo.recientesDe(command.actor.id, entidadId, Math.min(Math.max(command.limite ?? 10, 1), 50));
    return rows.map(vistaDe);
  }
}

export interface ArchivoExportacion {
  readonly nombre: string;
  readonly tipoMime: string;
  readonly bytes: number;
  readonly contenido: Readable;
}

/**
 * The ready file, as a stream (never read whole). Not ready yet or failed: 409 saying so; past its
 * expiry (the worker removed it): 410. Anyone who may not see the export: 404.
 */
@Injectable()
export class DescargarExportacionUseCase {
  private readonly logger = new Logger(DescargarExportacionUseCase.name);

  constructor(
    private readonly repo: ExportacionRepository,
    private readonly almacen: AlmacenExportaciones,
  ) {}

  async execute(command: ExportacionCommand & { exportacionId: string }): Promise<ArchivoExportacion> {
    const row = await visibleParaActor(this.repo, command.actor, command.exportacionId);
    const vista = vistaDe(row);
    switch (row.estado) {
      case 'pendiente':
      case 'en_proceso':
        throw new DomainError('CONFLICT', 'La exportación todavía se está generando: el enlace de descarga aparece en su página cuando termine.');
      case 'fallida':
        throw new DomainError('CONFLICT', 'Esta exportación no se pudo generar: pida una nueva desde la página de cifras.');
      case 'vencida':
        throw new DomainError('PLAZO_CERRADO', 'El archivo de esta exportación venció y se eliminó: pida una nueva desde la página de cifras.');
      case 'lista':
        break;
    }
    if (!vista.archivo || row.claveAlmacen === null) throw noExiste();
    this.logger.log({ exportacionId: row.id, entidadId: row.entidadId, usuarioId: command.actor.id }, 'Exportación descargada');
    return { ...vista.archivo, contenido: await this.almacen.open(row.claveAlmacen) };
  }
}
