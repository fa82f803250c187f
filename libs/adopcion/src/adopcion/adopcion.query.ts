import { QueryRunner } from 'typeorm';
import { IsoDate, LIMA_TIME_ZONE } from '@app/calendar';
import { NivelGobierno, TipoEntidad } from '@app/domain';
import { FechasDePasos } from '../reglas/adopcion';

/** One active entity with the Lima date each adoption step was reached (null: not yet). */
export interface FilaAdopcion {
  readonly id: string;
  readonly codigo: string;
  readonly nombre: string;
  readonly tipo: TipoEntidad;
  readonly nivelGobierno: NivelGobierno;
  readonly sector: string;
  readonly ubigeo: string;
  readonly tramoId: number | null;
  readonly fechas: FechasDePasos;
}

export interface FiltroAdopcion {
  /** Only this tramo's entities. */
  readonly tramoId?: number;
  /** Only this entity (its short code). */
  readonly codigo?: string;
}

const LIMA = `'${LIMA_TIME_ZONE}'`;
const ROLES_DE_ADOPCION = `('responsable_titular', 'responsable_alterno', 'oficial')`;

/**
 * Every step of every active entity (or of one tramo, or one entity) in one set-based statement, from
 * the tables the platform itself writes:
 * - designación: the first oficio's date (`designacion_responsables`, entered by the coordination);
 * - cuentas: an active `responsable_titular` and an active `responsable_alterno`; the date the later of
 *   the two became active (an invited account: when its invitation was accepted, the `used_at` of its
 *   invitation token; an account created active: its `created_at`);
 * - catálogos: at least one active sede, unidad orgánica and servicio; the date the last of the three
 *   kinds had its first (`created_at` of the earliest active row of each);
 * - oficiales: the earliest activation among the entity's active `oficial` accounts;
 * - primer reclamo: the earliest `fecha_registro_lima` (the (entidad_id, fecha_registro_lima) index);
 * - primer reclamo en plazo: the first day with `notificados_en_plazo_legal > 0` in the figures' rollups
 *   (the month from `cifra_mensual`, then the day from that month's `cifra_diaria`, both by primary index).
 * Timestamps become Lima dates. A step that stops holding (the only alterno deactivated, the last sede
 * deactivated) is no longer reached: the checklist says what is true today.
 * The rollups are kept by the worker (`actualizar-cifras`, every minute): the last step lags by that much.
 * `lector`: a read-only transaction, LecturasReplica's (the console reads on the replica when there is one:
 * a step reached a few seconds ago shows a few seconds later, as the rollups' step does a minute later).
 */
export async function consultarAdopcion(lector: QueryRunner, filtro: FiltroAdopcion = {}): Promise<FilaAdopcion[]> {
  // A few thousand rows of index lookups: PostgreSQL's JIT (on above an estimated cost) would spend
  // seconds compiling what runs in a few hundred milliseconds, so it is off for the rest of the reader's
  // transaction (LecturasReplica.leer's, which is read-only: the other reads in it are as small).
  await lector.query(`SET LOCAL jit = off`);
  const rows = await leer(lector, filtro);
  return rows.map((r) => ({
    id: r.id,
    codigo: r.codigo,
    nombre: r.nombre,
    tipo: r.tipo,
    nivelGobierno: r.nivel_gobierno,
    sector: r.sector,
    ubigeo: r.ubigeo,
    tramoId: r.tramo_id,
    fechas: {
      designacion_recibida: r.designacion,
      cuentas_responsables_activas: r.cuentas,
      catalogos_configurados: r.catalogos,
      oficiales_registrados: r.oficiales,
      primer_reclamo_recibido: r.primer_reclamo,
      primer_reclamo_en_plazo: r.primer_en_plazo,
    },
  }));
}

interface FilaSql {
  id: string;
  codigo: string;
  nombre: string;
  tipo: TipoEntidad;
  nivel_gobierno: NivelGobierno;
  sector: string;
  ubigeo: string;
  tramo_id: number | null;
  designacion: IsoDate | null;
  cuentas: IsoDate | null;
  catalogos: IsoDate | null;
  oficiales: IsoDate | null;
  primer_reclamo: IsoDate | null;
  primer_en_plazo: IsoDate | null;
}

function leer(db: QueryRunner, filtro: FiltroAdopcion): Promise<FilaSql[]> {
  return db.query(
    `WITH e AS (
       SELECT e.id, e.codigo, e.nombre, e.tipo, e.nivel_gobierno, e.sector, e.ubigeo, e.tramo_id
         FROM entidad e
        WHERE e.activo AND ($1::smallint IS NULL OR e.tramo_id = $1) AND ($2::text IS NULL OR e.codigo = $2)
     ), invitacion AS (
       SELECT t.usuario_id, max(t.used_at) AS aceptada_en
         FROM token_usuario t WHERE t.tipo = 'invitacion' AND t.used_at IS NOT NULL GROUP BY t.usuario_id
     ), cuentas AS (
       SELECT u.entidad_id,
              min(coalesce(i.aceptada_en, u.created_at)) FILTER (WHERE u.rol = 'responsable_titular') AS titular,
              min(coalesce(i.aceptada_en, u.created_at)) FILTER (WHERE u.rol = 'responsable_alterno') AS alterno,
              min(coalesce(i.aceptada_en, u.created_at)) FILTER (WHERE u.rol = 'oficial') AS oficial
         FROM usuario u
         JOIN e ON e.id = u.entidad_id
         LEFT JOIN invitacion i ON i.usuario_id = u.id
        WHERE u.activo AND u.rol IN ${ROLES_DE_ADOPCION}
        GROUP BY u.entidad_id
     )
     SELECT e.id, e.codigo, e.nombre, e.tipo, e.nivel_gobierno, e.sector, e.ubigeo, e.tramo_id,
            (SELECT min(d.oficio_fecha) FROM designacion_responsables d WHERE d.entidad_id = e.id)::text AS designacion,
            CASE WHEN c.titular IS NOT NULL AND c.alterno IS NOT NULL
                 THEN (greatest(c.titular, c.alterno) AT TIME ZONE ${LIMA})::date::text END AS cuentas,
            CASE WHEN k.sede IS NOT NULL AND k.unidad IS NOT NULL AND k.servicio IS NOT NULL
                 THEN (greatest(k.sede, k.unidad, k.servicio) AT TIME ZONE ${LIMA})::date::text END AS catalogos,
            (c.oficial AT TIME ZONE ${LIMA})::date::text AS oficiales,
            (SELECT min(r.fecha_registro_lima) FROM reclamo r WHERE r.entidad_id = e.id)::text AS primer_reclamo,
            (SELECT min(d.dia) FROM cifra_diaria d
              WHERE d.entidad_id = e.id AND d.dia >= m.mes AND d.dia < (m.mes + interval '1 month') AND d.notificados_en_plazo_legal > 0)::text
              AS primer_en_plazo
       FROM e
       LEFT JOIN cuentas c ON c.entidad_id = e.id
       LEFT JOIN LATERAL (
         SELECT (SELECT min(s.created_at) FROM sede s WHERE s.entidad_id = e.id AND s.activo) AS sede,
                (SELECT min(u.created_at) FROM unidad_organica u WHERE u.entidad_id = e.id AND u.activo) AS unidad,
                (SELECT min(v.created_at) FROM servicio v WHERE v.entidad_id = e.id AND v.activo) AS servicio) k ON true
       LEFT JOIN LATERAL (SELECT min(cm.mes) AS mes FROM cifra_mensual cm WHERE cm.entidad_id = e.id AND cm.notificados_en_plazo_legal > 0) m ON true
      ORDER BY e.codigo`,
    [filtro.tramoId ?? null, filtro.codigo ?? null],
  );
}
