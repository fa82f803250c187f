import { Queue, QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '@app/platform/queue';
import { EntidadCifras } from './cifras-fixture';
import { TEST_REDIS_URL } from './test-env';

/** BullMQ's connection to the test Redis, and a queue prefix of the file's own (only its worker takes its jobs). */
export function colaDePrueba(nombre: string): { connection: { host: string; port: number; db: number }; prefix: string } {
  const url = new URL(TEST_REDIS_URL);
  return {
    connection: { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 0) },
    prefix: `test-${nombre}-${process.pid}-${Date.now()}`,
  };
}

export function colaDeExportaciones(nombre: string): { queue: Queue; events: QueueEvents; connection: ReturnType<typeof colaDePrueba>['connection']; prefix: string } {
  const { connection, prefix } = colaDePrueba(nombre);
  return {
    queue: new Queue(QueueName.EXPORTACIONES, { connection, prefix }),
    events: new QueueEvents(QueueName.EXPORTACIONES, { connection, prefix }),
    connection,
    prefix,
  };
}

/**
 * Many rollup rows the honest way: `dias` × 2 channels × 6 aspects × 2 sedes reclamos (one per Lima day
 * and combination, each with its registration event), written in one statement from `desde` on; the
 * caller then rebuilds the entity's figures (ReconstruirCifrasUseCase), so `cifra_diaria` holds one row
 * per reclamo, exactly what the figures' own code makes of them. Returns how many.
 */
export async function sembrarDetalleMasivo(dataSource: DataSource, entidad: EntidadCifras, desde: string, dias: number): Promise<number> {
  const [{ n }]: Array<{ n: number }> = await dataSource.query(
    `WITH nuevos AS (
       INSERT INTO reclamo (entidad_id, codigo, anio, correlativo, estado, canal, numero_hoja_fisica, registrado_en, fecha_registro_lima,
                            plazo_dias_habiles, vence_el, calendario_version, aspecto, sede_id, unidad_id, descripcion, notificacion_email)
       SELECT $1, $2 || '-' || extract(year FROM d)::int || '-' || lpad(row_number() OVER (PARTITION BY extract(year FROM d) ORDER BY d, canal, aspecto, sede)::text, 6, '0'),
              extract(year FROM d)::int, row_number() OVER (PARTITION BY extract(year FROM d) ORDER BY d, canal, aspecto, sede),
              'en_atencion', canal, CASE WHEN canal = 'fisico' THEN 'H-' || gen_random_uuid() ELSE NULL END,
              (d + time '10:00') AT TIME ZONE 'America/Lima', d::date, 20, d::date + 40, 'prueba', aspecto,
              CASE sede WHEN 1 THEN $3::uuid ELSE $4::uuid END, $5::uuid, 'Reclamo de carga para exportaciones.', true
         FROM generate_series($6::date, $6::date + ($7::int - 1), interval '1 day') AS d,
              unnest(ARRAY['virtual','fisico']) AS canal,
              unnest(ARRAY['trato_profesional','informacion','tiempo_espera','acceso','resultado','confianza']) AS aspecto,
              generate_series(1, 2) AS sede
       RETURNING id, entidad_id, registrado_en
     ), eventos AS (
       INSERT INTO reclamo_evento (reclamo_id, entidad_id, tipo, estado_nuevo, actor_tipo, ocurrido_en)
       SELECT id, entidad_id, 'registrado', 'registrado', 'sistema', registrado_en FROM nuevos RETURNING 1
     )
     SELECT count(*)::int AS n FROM eventos`,
    [entidad.id, entidad.codigo, entidad.sedes.S1, entidad.sedes.S2, entidad.unidades.U1, desde, dias],
  );
  return n;
}
