import { Injectable } from '@nestjs/common';
import { Aspecto } from '@app/domain';
import {
  admiteAvances,
  admiteCambiosDeDiseno,
  AmbitoControl,
  AmbitoMedicion,
  Fase,
  FASES,
  Frecuencia,
  Fuente,
  isResponsableDelLibro,
  motivoSinPermisoParaAvanzar,
  siguienteFase,
  ANIOS_DE_METAS,
} from '../reglas/accion-mejora';
import { GetCifraPorPeriodosUseCase } from '@app/medicion';
import { periodos } from '../reglas/periodos';
import { serieDeFuente } from '../medicion/serie-de-fuente';
import { AccionMejoraTransaction, MejoraCommand } from './accion-transaction';

export interface AccionMejoraResumen {
  id: string;
  titulo: string;
  fase: Fase;
  unidad: string | null;
  costoTotal: string;
  indicadores: number;
  creadaEn: string;
}

/** The entity's actions, newest first, with what the list shows. */
@Injectable()
export class ListAccionesMejoraUseCase {
  constructor(private readonly tx: AccionMejoraTransaction) {}

  async execute(command: MejoraCommand): Promise<AccionMejoraResumen[]> {
    return this.tx.runEntidad(command, 'leer', ({ manager, entidadId }) =>
      manager.query(
        `SELECT a.id, a.titulo, a.fase, u.nombre AS unidad, a.created_at AS "creadaEn",
                coalesce((SELECT sum(costo_total) FROM accion_mejora_actividad WHERE accion_id = a.id), 0)::numeric(14,2)::text AS "costoTotal",
                (SELECT count(*)::int FROM accion_mejora_indicador WHERE accion_id = a.id) AS indicadores
           FROM accion_mejora a LEFT JOIN unidad_organica u ON u.id = a.unidad_id
          WHERE a.entidad_id = $1 ORDER BY a.created_at DESC, a.id LIMIT 500`,
        [entidadId],
      ),
    );
  }
}

export interface Medicion {
  clave: string;
  etiqueta: string;
  desde: string;
  hasta: string;
  anio: number;
  posicion: number;
  completo: boolean;
  valor: number | null;
}

export interface IndicadorDetalle {
  id: string;
  denominacion: string;
  unidadMedida: string;
  frecuencia: Frecuencia;
  lineaBaseAnio: number;
  lineaBaseValor: string;
  medioVerificacion: string;
  ambitoMedicion: AmbitoMedicion;
  ambitoControl: AmbitoControl;
  fuente: Fuente | null;
  /** The sede and the unidad orgánica the platform series counts (null: the whole entity). */
  sede: { id: string; nombre: string } | null;
  unidad: { id: string; nombre: string } | null;
  metas: Array<{ anio: number; valor: string }>;
  /**
   * Platform-measured actual values per period (Lima calendar months, quarters, halves or years), from the
   * baseline's year to the last target's, up to the current one (only with a `fuente`): exactly what the
   * entity's figures (/cifras) show for those dates, filtered by the aspect, sede and unidad the indicator names.
   * Counts are reclamos by registration date (all of them, anulados included, as /cifras counts them); the
   * on-time share is % of answers notified in the period within the law's 30 días hábiles; satisfaction is
   * the mean overall rating (1–5) of the surveys answered in the period; null where nothing was measured.
   */
  mediciones: Medicion[];
}

export interface AccionMejoraDetalle {
  id: string;
  titulo: string;
  problema: string;
  analisisCausal: string;
  alternativas: string[];
  alternativaSeleccionada: number | null;
  unidad: { id: string; nombre: string } | null;
  aspectos: Aspecto[];
  sedes: Array<{ id: string; nombre: string }>;
  servicios: Array<{ id: string; nombre: string }>;
  temas: Array<{ id: string; nombre: string }>;
  reclamos: Array<{ id: string; codigo: string }>;
  fase: Fase;
  fases: Array<{ fase: Fase; fecha: string | null }>;
  origenAccion: { id: string; titulo: string } | null;
  siguienteAccion: { id: string; titulo: string } | null;
  actividades: Array<{ id: string; descripcion: string; costoUnitario: string; cantidad: string; costoTotal: string }>;
  costoTotal: string;
  indicadores: IndicadorDetalle[];
  avances: Array<{
    id: string;
    fase: Fase;
    descripcion: string;
    registradoEn: string;
    registradoPor: string;
    evidencias: Array<{ id: string; nombre: string; tipoMime: string; bytes: number }>;
  }>;
  /** What the actor may do now (the use cases check it again). */
  permisos: { editarDiseno: boolean; avanzarA: Fase | null; registrarAvance: boolean; abrirSiguiente: boolean };
}

@Injectable()
export class GetAccionMejoraUseCase {
  constructor(
    private readonly tx: AccionMejoraTransaction,
    private readonly cifras: GetCifraPorPeriodosUseCase,
  ) {}

  async execute(command: MejoraCommand & { accionId: string }): Promise<AccionMejoraDetalle> {
    return this.tx.run(command, 'leer', async ({ manager, entidadId, accion, hoy }) => {
      const id = accion.id;
      const [a]: Array<{
        problema: string;
        alternativas: string[];
        aspectos: Aspecto[];
        unidadNombre: string | null;
        origenId: string | null;
        origenTitulo: string | null;
        siguienteId: string | null;
        siguienteTitulo: string | null;
      }> = await manager.query(
        `SELECT a.problema, a.alternativas, a.aspectos, u.nombre AS "unidadNombre", o.id AS "origenId", o.titulo AS "origenTitulo",
                s.id AS "siguienteId", s.titulo AS "siguienteTitulo"
           FROM accion_mejora a
           LEFT JOIN unidad_organica u ON u.id = a.unidad_id
           LEFT JOIN accion_mejora o ON o.id = a.origen_accion_id
           LEFT JOIN accion_mejora s ON s.origen_accion_id = a.id
          WHERE a.id = $1`,
        [id],
      );
      const vinculos: Array<{ tipo: 'sede' | 'servicio' | 'tema'; id: string; nombre: string }> = await manager.query(
        `SELECT 'sede' AS tipo, x.id, x.nombre FROM accion_mejora_vinculo v JOIN sede x ON x.id = v.sede_id WHERE v.accion_id = $1
         UNION ALL SELECT 'servicio', x.id, x.nombre FROM accion_mejora_vinculo v JOIN servicio x ON x.id = v.servicio_id WHERE v.accion_id = $1
         UNION ALL SELECT 'tema', x.id, x.nombre FROM accion_mejora_vinculo v JOIN tema x ON x.id = v.tema_id WHERE v.accion_id = $1
         ORDER BY 3`,
        [id],
      );
      const reclamos: Array<{ id: string; codigo: string }> = await manager.query(
        `SELECT r.id, r.codigo FROM accion_mejora_reclamo ar JOIN reclamo r ON r.id = ar.reclamo_id WHERE ar.accion_id = $1 ORDER BY r.codigo`,
        [id],
      );
      const fases: Array<{ fase: Fase; fecha: string }> = await manager.query(`SELECT fase, fecha::text AS fecha FROM accion_mejora_fase WHERE accion_id = $1`, [id]);
      const actividades: AccionMejoraDetalle['actividades'] = await manager.query(
        `SELECT id, descripcion, costo_unitario::text AS "costoUnitario", cantidad::text AS cantidad, costo_total::text AS "costoTotal"
           FROM accion_mejora_actividad WHERE accion_id = $1 ORDER BY orden`,
        [id],
      );
      const [total]: Array<{ total: string }> = await manager.query(
        `SELECT coalesce(sum(costo_total), 0)::numeric(14,2)::text AS total FROM accion_mejora_actividad WHERE accion_id = $1`,
        [id],
      );
      const indicadores: Array<Omit<IndicadorDetalle, 'mediciones'>> = await manager.query(
        `SELECT i.id, i.denominacion, i.unidad_medida AS "unidadMedida", i.frecuencia, i.linea_base_anio AS "lineaBaseAnio",
                i.linea_base_valor::text AS "lineaBaseValor", i.medio_verificacion AS "medioVerificacion", i.ambito_medicion AS "ambitoMedicion",
                i.ambito_control AS "ambitoControl", i.fuente,
                CASE WHEN s.id IS NOT NULL THEN jsonb_build_object('id', s.id, 'nombre', s.nombre) END AS sede,
                CASE WHEN u.id IS NOT NULL THEN jsonb_build_object('id', u.id, 'nombre', u.nombre) END AS unidad,
                coalesce((SELECT jsonb_agg(jsonb_build_object('anio', m.anio, 'valor', m.valor::text) ORDER BY m.anio)
                            FROM accion_mejora_meta m WHERE m.indicador_id = i.id), '[]'::jsonb) AS metas
           FROM accion_mejora_indicador i
           LEFT JOIN sede s ON s.id = i.sede_id
           LEFT JOIN unidad_organica u ON u.id = i.unidad_id
          WHERE i.accion_id = $1 ORDER BY i.orden`,
        [id],
      );
      const conMediciones: IndicadorDetalle[] = [];
      for (const i of indicadores) {
        if (!i.fuente) {
          conMediciones.push({ ...i, mediciones: [] });
          continue;
        }
        const lista = periodos(i.frecuencia, i.lineaBaseAnio, i.lineaBaseAnio + ANIOS_DE_METAS, hoy);
        const serie = serieDeFuente(i.fuente, { sedeId: i.sede?.id ?? null, unidadId: i.unidad?.id ?? null });
        const valores = await this.cifras.execute({ entidadId, ...serie, periodos: lista });
        conMediciones.push({ ...i, mediciones: lista.map((p, k) => ({ ...p, valor: valores[k] })) });
      }
      const avances: Array<Omit<AccionMejoraDetalle['avances'][number], 'evidencias'>> = await manager.query(
        `SELECT av.id, av.fase, av.descripcion, av.registrado_en AS "registradoEn", us.nombre AS "registradoPor"
           FROM accion_mejora_avance av JOIN usuario us ON us.id = av.registrado_por WHERE av.accion_id = $1 ORDER BY av.orden DESC`,
        [id],
      );
      const evidencias: Array<{ id: string; avanceId: string; nombre: string; tipoMime: string; bytes: number }> = await manager.query(
        `SELECT id, avance_id AS "avanceId", nombre_original AS nombre, tipo_mime AS "tipoMime", bytes FROM accion_mejora_evidencia WHERE accion_id = $1 ORDER BY orden`,
        [id],
      );
      const rol = command.actor.rol;
      const siguiente = siguienteFase(accion.fase);
      const responsable = isResponsableDelLibro(rol);
      return {
        id,
        titulo: accion.titulo,
        problema: a.problema,
        analisisCausal: accion.analisisCausal,
        alternativas: a.alternativas,
        alternativaSeleccionada: accion.alternativaSeleccionada,
        unidad: accion.unidadId && a.unidadNombre ? { id: accion.unidadId, nombre: a.unidadNombre } : null,
        aspectos: a.aspectos,
        sedes: vinculos.filter((v) => v.tipo === 'sede').map(({ id: vid, nombre }) => ({ id: vid, nombre })),
        servicios: vinculos.filter((v) => v.tipo === 'servicio').map(({ id: vid, nombre }) => ({ id: vid, nombre })),
        temas: vinculos.filter((v) => v.tipo === 'tema').map(({ id: vid, nombre }) => ({ id: vid, nombre })),
        reclamos,
        fase: accion.fase,
        fases: FASES.map((f) => ({ fase: f, fecha: fases.find((x) => x.fase === f)?.fecha ?? null })),
        origenAccion: a.origenId ? { id: a.origenId, titulo: a.origenTitulo ?? '' } : null,
        siguienteAccion: a.siguienteId ? { id: a.siguienteId, titulo: a.siguienteTitulo ?? '' } : null,
        actividades,
        costoTotal: total.total,
        indicadores: conMediciones,
        avances: avances.map((av) => ({ ...av, evidencias: evidencias.filter((e) => e.avanceId === av.id).map(({ avanceId: _, ...e }) => e) })),
        permisos: {
          editarDiseno: responsable && admiteCambiosDeDiseno(accion.fase),
          avanzarA: siguiente !== null && motivoSinPermisoParaAvanzar(rol, accion.fase) === null ? siguiente : null,
          registrarAvance: responsable && admiteAvances(accion.fase),
          abrirSiguiente: responsable && accion.fase === 'evaluacion' && a.siguienteId === null,
        },
      };
    });
  }
}
