import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search that finds what people type (issue #13): «educacion», «EDUCACIÓN», «ministerio educacion»,
 * «Minedu», «municipalidad de Miraflores», «Peru» all find their entity.
 *
 * - `plegar_texto(text)`: the one folding of searched text and of what is searched, in the database:
 *   NFKC (full-width letters, ligatures), accents off (`unaccent`), lower case. `unaccent(text)` is
 *   only STABLE, since it finds its dictionary through `search_path`; naming the dictionary with its
 *   schema makes the wrapper safe to declare IMMUTABLE, which an index and a generated column need.
 *   Text is stored in NFC already (every text is normalised at the HTTP door, `revisarTexto` in
 *   @app/domain); the NFKC here is for search only.
 * - `entidad.nombres_alternos`: siglas and common names («Minedu», «Muni de Lima», «Reniec») besides
 *   the official name and the short code; written by whoever writes `entidad` (the seed, the registry).
 * - `entidad.busqueda`: the folded code, name and alternate names, kept by PostgreSQL (generated), with
 *   a trigram index: each typed word is a `LIKE '%palabra%'` the index answers, in any order. It
 *   replaces `ix_entidad_nombre_trgm` (on `lower(nombre)`), which only served accent-exact search.
 * - `ix_reclamo_persona_nombre_plegado`: the inbox's `q=` (a name typed without accents, or in NFD)
 *   folded the same way, by trigram.
 */
export class BusquedaPlegada1765800000000 implements MigrationInterface {
  name = 'BusquedaPlegada1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public`);
    await q.query(`
      CREATE FUNCTION plegar_texto(texto text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN lower(public.unaccent('public.unaccent'::regdictionary, normalize(texto, NFKC)))`);
    // array_to_string is STABLE for any array type (it calls the element type's output function);
    // for text[] it is not, so the generated column may use it through this wrapper.
    await q.query(`
      CREATE FUNCTION texto_busqueda_entidad(codigo text, nombre text, nombres_alternos text[]) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN plegar_texto(codigo || ' ' || nombre || ' ' || array_to_string(nombres_alternos, ' '))`);
    await q.query(`ALTER TABLE entidad ADD COLUMN nombres_alternos text[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      ALTER TABLE entidad ADD COLUMN busqueda text
        GENERATED ALWAYS AS (texto_busqueda_entidad(codigo, nombre, nombres_alternos)) STORED`);
    await q.query(`CREATE INDEX ix_entidad_busqueda_trgm ON entidad USING gin (busqueda gin_trgm_ops)`);
    await q.query(`DROP INDEX ix_entidad_nombre_trgm`);
    // The departamento browse reads the first two digits of the entity's seat.
    await q.query(`CREATE INDEX ix_entidad_departamento ON entidad (left(ubigeo, 2), nombre)`);
    await q.query(`
      CREATE INDEX ix_reclamo_persona_nombre_plegado ON reclamo_persona USING gin (
        plegar_texto(coalesce(nombres, '') || ' ' || coalesce(apellidos, '') || ' ' || coalesce(razon_social, '')) gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_reclamo_persona_nombre_plegado`);
    await q.query(`DROP INDEX ix_entidad_departamento`);
    await q.query(`CREATE INDEX ix_entidad_nombre_trgm ON entidad USING gin (lower(nombre) gin_trgm_ops)`);
    await q.query(`DROP INDEX ix_entidad_busqueda_trgm`);
    await q.query(`ALTER TABLE entidad DROP COLUMN busqueda`);
    await q.query(`ALTER TABLE entidad DROP COLUMN nombres_alternos`);
    await q.query(`DROP FUNCTION texto_busqueda_entidad(text, text, text[])`);
    await q.query(`DROP FUNCTION plegar_texto(text)`);
    // The extension stays: another schema object may have come to use it.
  }
}
