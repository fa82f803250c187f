import { DataSource } from 'typeorm';
import { crearEntidadCifras, EntidadCifras } from './cifras-fixture';

/**
 * A tramo of the test's own (tramo ids are smallint and shared by every test file): the next free id,
 * taken again if another file took it first. Its entities are only the ones the test puts in it, so its
 * counts are the test's own.
 */
export async function crearTramoDePrueba(
  dataSource: DataSource,
  tramo: { nombre: string; fechaInicio: string; fechaLimite: string; descripcion?: string },
): Promise<number> {
  for (let intento = 0; ; intento += 1) {
    try {
      const [row]: Array<{ id: number }> = await dataSource.query(
        `INSERT INTO tramo (id, nombre, descripcion, tipos_entidad, fecha_inicio, fecha_limite)
         SELECT coalesce(max(id), 0) + 1, $1, $2, '{}', $3, $4 FROM tramo RETURNING id`,
        [tramo.nombre, tramo.descripcion ?? '', tramo.fechaInicio, tramo.fechaLimite],
      );
      return row.id;
    } catch (error) {
      if (intento >= 20 || (error as { code?: string }).code !== '23505') throw error;
    }
  }
}

/** A test entity (two sedes and unidades, one servicio; see crearEntidadCifras) assigned to a tramo. */
export async function entidadEnTramo(dataSource: DataSource, tramoId: number, prefijo: string): Promise<EntidadCifras> {
  const e = await crearEntidadCifras(dataSource, prefijo);
  await dataSource.query(`UPDATE entidad SET tramo_id = $2, tramo_manual = true WHERE id = $1`, [e.id, tramoId]);
  return e;
}

/** An entity with no catalogue, no staff and no case yet: what the registry creates (libs/tramos). */
export async function entidadVacia(dataSource: DataSource, tramoId: number, codigo: string): Promise<{ id: string; codigo: string }> {
  let hash = 0;
  for (const ch of codigo) hash = (hash * 31 + ch.charCodeAt(0)) % 100_000_000;
  const base = `20${String(hash).padStart(8, '0')}`;
  const pesos = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const digito = (11 - (pesos.reduce((s, w, i) => s + w * Number(base[i]), 0) % 11)) % 10;
  const [row]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO entidad (codigo, nombre, ruc, tipo, nivel_gobierno, sector, ubigeo, tramo_id, tramo_manual)
     VALUES ($1, $2, $3, 'organismo_publico', 'nacional', 'Pruebas', '150101', $4, true) RETURNING id`,
    [codigo, `Entidad de prueba ${codigo}`, `${base}${digito}`, tramoId],
  );
  return { id: row.id, codigo };
}

/**
 * The designation as the registry records it from the entity's oficio (libs/tramos is its writer; these
 * tests stand in for it with the same row).
 */
export async function registrarDesignacion(dataSource: DataSource, entidadId: string, oficioFecha: string): Promise<void> {
  await dataSource.query(
    `INSERT INTO designacion_responsables (entidad_id, oficio_numero, oficio_fecha, titular_nombre, titular_email, alterno_nombre, alterno_email)
     VALUES ($1, $2, $3, 'Responsable Titular Designado', 'titular.designado@pruebas.gob.pe', 'Responsable Alterno Designado', 'alterno.designado@pruebas.gob.pe')`,
    [entidadId, `OFICIO N° ${Math.floor(Math.random() * 1e6)}-2031`, oficioFecha],
  );
}

/** An active account created directly, with the instant it was created (its activation, for the checklist). */
export async function cuentaActiva(dataSource: DataSource, entidadId: string, rol: string, creadaEn: Date): Promise<void> {
  await dataSource.query(
    `INSERT INTO usuario (entidad_id, email, nombre, rol, password_hash, created_at, updated_at)
     VALUES ($1, $2, 'Persona de prueba', $3, 'x', $4, $4)`,
    [entidadId, `consola.${rol}.${Math.random().toString(36).slice(2, 10)}@pruebas.gob.pe`, rol, creadaEn],
  );
}
