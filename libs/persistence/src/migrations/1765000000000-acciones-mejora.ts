import { MigrationInterface, QueryRunner } from 'typeorm';

const FASES = `'diseno','aprobacion','implementacion','supervision','evaluacion'`;
const ASPECTOS = `'trato_profesional','informacion','tiempo_espera','acceso','resultado','confianza'`;

/**
 * Acciones de mejora (issue #11), after the SGP's Lineamientos (R.S.D. N° 009-2015-PCM/SD): the
 * problem and what it is tied to (aspects, the entity's topics, sedes and services, example
 * reclamos), its causal analysis, alternatives and the selected one, the owner unidad, the phase
 * with the date each phase was reached, costed activities, indicators with four yearly targets,
 * and progress updates with evidence files. libs/mejora is the only writer of these tables.
 * An activity's total is a generated column: it is computed, never typed. `orden` keeps the order
 * rows were added in (several may share one instant).
 */
export class AccionesMejora1765000000000 implements MigrationInterface {
  name = 'AccionesMejora1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE accion_mejora (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        entidad_id uuid NOT NULL,
        titulo text NOT NULL,
        problema text NOT NULL,
        analisis_causal text NOT NULL DEFAULT '',
        alternativas text[] NOT NULL DEFAULT '{}',
        alternativa_seleccionada smallint,
        unidad_id uuid,
        aspectos text[] NOT NULL DEFAULT '{}',
        fase text NOT NULL DEFAULT 'diseno',
        origen_accion_id uuid,
        creado_por uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_accion_mejora PRIMARY KEY (id),
        CONSTRAINT fk_accion_mejora_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT fk_accion_mejora_unidad FOREIGN KEY (unidad_id) REFERENCES unidad_organica (id),
        CONSTRAINT fk_accion_mejora_origen FOREIGN KEY (origen_accion_id) REFERENCES accion_mejora (id),
        CONSTRAINT fk_accion_mejora_creado_por FOREIGN KEY (creado_por) REFERENCES usuario (id),
        CONSTRAINT ck_accion_mejora_fase CHECK (fase IN (${FASES})),
        CONSTRAINT ck_accion_mejora_aspectos CHECK (aspectos <@ ARRAY[${ASPECTOS}]::text[]),
        CONSTRAINT ck_accion_mejora_seleccionada CHECK (
          alternativa_seleccionada IS NULL OR alternativa_seleccionada BETWEEN 1 AND cardinality(alternativas)),
        -- The cycle repeats once per evaluated action: one follow-up each.
        CONSTRAINT uq_accion_mejora_origen UNIQUE (origen_accion_id)
      )`);
    await q.query(`CREATE INDEX ix_accion_mejora_entidad ON accion_mejora (entidad_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_accion_mejora_unidad ON accion_mejora (unidad_id) WHERE unidad_id IS NOT NULL`);

    // The date each phase was reached (diseño: the day the action was recorded).
    await q.query(`
      CREATE TABLE accion_mejora_fase (
        accion_id uuid NOT NULL,
        fase text NOT NULL,
        fecha date NOT NULL,
        registrado_por uuid NOT NULL,
        registrado_en timestamptz NOT NULL,
        CONSTRAINT pk_accion_mejora_fase PRIMARY KEY (accion_id, fase),
        CONSTRAINT fk_accion_mejora_fase_accion FOREIGN KEY (accion_id) REFERENCES accion_mejora (id) ON DELETE CASCADE,
        CONSTRAINT fk_accion_mejora_fase_usuario FOREIGN KEY (registrado_por) REFERENCES usuario (id),
        CONSTRAINT ck_accion_mejora_fase_fase CHECK (fase IN (${FASES}))
      )`);

    // What the problem is tied to in the entity's catalogues: exactly one of sede, servicio, tema per row.
    await q.query(`
      CREATE TABLE accion_mejora_vinculo (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        accion_id uuid NOT NULL,
        sede_id uuid,
        servicio_id uuid,
        tema_id uuid,
        CONSTRAINT pk_accion_mejora_vinculo PRIMARY KEY (id),
        CONSTRAINT fk_accion_mejora_vinculo_accion FOREIGN KEY (accion_id) REFERENCES accion_mejora (id) ON DELETE CASCADE,
        CONSTRAINT fk_accion_mejora_vinculo_sede FOREIGN KEY (sede_id) REFERENCES sede (id),
        CONSTRAINT fk_accion_mejora_vinculo_servicio FOREIGN KEY (servicio_id) REFERENCES servicio (id),
        CONSTRAINT fk_accion_mejora_vinculo_tema FOREIGN KEY (tema_id) REFERENCES tema (id),
        CONSTRAINT ck_accion_mejora_vinculo_uno CHECK (num_nonnulls(sede_id, servicio_id, tema_id) = 1)
      )`);
    await q.query(`CREATE INDEX ix_accion_mejora_vinculo_accion ON accion_mejora_vinculo (accion_id)`);
    await q.query(`CREATE INDEX ix_accion_mejora_vinculo_sede ON accion_mejora_vinculo (sede_id) WHERE sede_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_accion_mejora_vinculo_servicio ON accion_mejora_vinculo (servicio_id) WHERE servicio_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_accion_mejora_vinculo_tema ON accion_mejora_vinculo (tema_id) WHERE tema_id IS NOT NULL`);

    // Example reclamos (of the same entity: the use case checks it).
    await q.query(`
      CREATE TABLE accion_mejora_reclamo (
        accion_id uuid NOT NULL,
        reclamo_id uuid NOT NULL,
        CONSTRAINT pk_accion_mejora_reclamo PRIMARY KEY (accion_id, reclamo_id),
        CONSTRAINT fk_accion_mejora_reclamo_accion FOREIGN KEY (accion_id) REFERENCES accion_mejora (id) ON DELETE CASCADE,
        CONSTRAINT fk_accion_mejora_reclamo_reclamo FOREIGN KEY (reclamo_id) REFERENCES reclamo (id)
      )`);
    await q.query(`CREATE INDEX ix_accion_mejora_reclamo_reclamo ON accion_mejora_reclamo (reclamo_id)`);

    await q.query(`
      CREATE TABLE accion_mejora_actividad (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        orden bigint GENERATED ALWAYS AS IDENTITY,
        accion_id uuid NOT NULL,
        descripcion text NOT NULL,
        costo_unitario numeric(12,2) NOT NULL,
        cantidad numeric(10,2) NOT NULL,
        costo_total numeric(14,2) GENERATED ALWAYS AS (round(costo_unitario * cantidad, 2)) STORED,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_accion_mejora_actividad PRIMARY KEY (id),
        CONSTRAINT fk_accion_mejora_actividad_accion FOREIGN KEY (accion_id) REFERENCES accion_mejora (id) ON DELETE CASCADE,
        CONSTRAINT ck_accion_mejora_actividad_costo CHECK (costo_unitario >= 0),
        CONSTRAINT ck_accion_mejora_actividad_cantidad CHECK (cantidad > 0),
        CONSTRAINT ck_accion_mejora_actividad_descripcion CHECK (btrim(descripcion) <> '')
      )`);
    await q.query(`CREATE INDEX ix_accion_mejora_actividad_accion ON accion_mejora_actividad (accion_id, orden)`);

    await q.query(`
      CREATE TABLE accion_mejora_indicador (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        orden bigint GENERATED ALWAYS AS IDENTITY,
        accion_id uuid NOT NULL,
        denominacion text NOT NULL,
        unidad_medida text NOT NULL,
        frecuencia text NOT NULL,
        linea_base_anio smallint NOT NULL,
        linea_base_valor numeric(14,2) NOT NULL,
        medio_verificacion text NOT NULL,
        ambito_medicion text NOT NULL,
        ambito_control text NOT NULL,
        fuente text,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_accion_mejora_indicador PRIMARY KEY (id),
        CONSTRAINT fk_accion_mejora_indicador_accion FOREIGN KEY (accion_id) REFERENCES accion_mejora (id) ON DELETE CASCADE,
        CONSTRAINT ck_accion_mejora_indicador_frecuencia CHECK (frecuencia IN ('mensual','trimestral','semestral','anual')),
        CONSTRAINT ck_accion_mejora_indicador_medicion CHECK (ambito_medicion IN ('insumo','proceso','producto','resultado')),
        CONSTRAINT ck_accion_mejora_indicador_control CHECK (ambito_control IN ('eficiencia','calidad','economia','equidad')),
        CONSTRAINT ck_accion_mejora_indicador_anio CHECK (linea_base_anio BETWEEN 2000 AND 2100)
      )`);
    await q.query(`CREATE INDEX ix_accion_mejora_indicador_accion ON accion_mejora_indicador (accion_id, orden)`);

    // Four per indicator (the four years after the baseline's): the use case writes them together.
    await q.query(`
      CREATE TABLE accion_mejora_meta (
        indicador_id uuid NOT NULL,
        anio smallint NOT NULL,
        valor numeric(14,2) NOT NULL,
        CONSTRAINT pk_accion_mejora_meta PRIMARY KEY (indicador_id, anio),
        CONSTRAINT fk_accion_mejora_meta_indicador FOREIGN KEY (indicador_id) REFERENCES accion_mejora_indicador (id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE accion_mejora_avance (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        orden bigint GENERATED ALWAYS AS IDENTITY,
        accion_id uuid NOT NULL,
        fase text NOT NULL,
        descripcion text NOT NULL,
        registrado_por uuid NOT NULL,
        registrado_en timestamptz NOT NULL,
        CONSTRAINT pk_accion_mejora_avance PRIMARY KEY (id),
        CONSTRAINT fk_accion_mejora_avance_accion FOREIGN KEY (accion_id) REFERENCES accion_mejora (id) ON DELETE CASCADE,
        CONSTRAINT fk_accion_mejora_avance_usuario FOREIGN KEY (registrado_por) REFERENCES usuario (id),
        CONSTRAINT ck_accion_mejora_avance_fase CHECK (fase IN (${FASES}))
      )`);
    await q.query(`CREATE INDEX ix_accion_mejora_avance_accion ON accion_mejora_avance (accion_id, orden)`);

    await q.query(`
      CREATE TABLE accion_mejora_evidencia (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        orden bigint GENERATED ALWAYS AS IDENTITY,
        avance_id uuid NOT NULL,
        accion_id uuid NOT NULL,
        nombre_original text NOT NULL,
        tipo_mime text NOT NULL,
        bytes integer NOT NULL,
        sha256 text NOT NULL,
        clave_almacen text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_accion_mejora_evidencia PRIMARY KEY (id),
        CONSTRAINT fk_accion_mejora_evidencia_avance FOREIGN KEY (avance_id) REFERENCES accion_mejora_avance (id) ON DELETE CASCADE,
        CONSTRAINT fk_accion_mejora_evidencia_accion FOREIGN KEY (accion_id) REFERENCES accion_mejora (id) ON DELETE CASCADE,
        CONSTRAINT ck_accion_mejora_evidencia_bytes CHECK (bytes >= 0)
      )`);
    await q.query(`CREATE INDEX ix_accion_mejora_evidencia_avance ON accion_mejora_evidencia (avance_id)`);
    await q.query(`CREATE INDEX ix_accion_mejora_evidencia_accion ON accion_mejora_evidencia (accion_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'accion_mejora_evidencia',
      'accion_mejora_avance',
      'accion_mejora_meta',
      'accion_mejora_indicador',
      'accion_mejora_actividad',
      'accion_mejora_reclamo',
      'accion_mejora_vinculo',
      'accion_mejora_fase',
      'accion_mejora',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
