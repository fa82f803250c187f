import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registro: entities (tenants) and their catalogues, reclamos with the people on
 * the hoja, attachments, the timeline, the outbox and idempotency keys.
 * Personal data lives in `reclamo_persona`, apart from the reclamo, so aggregates
 * never need to touch it (Ley 29733).
 */
export class Registro1763700000000 implements MigrationInterface {
  name = 'Registro1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    await q.query(`
      CREATE TABLE tramo (
        id smallint NOT NULL,
        nombre text NOT NULL,
        descripcion text NOT NULL DEFAULT '',
        tipos_entidad text[] NOT NULL DEFAULT '{}',
        fecha_inicio date NOT NULL,
        fecha_limite date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_tramo PRIMARY KEY (id),
        CONSTRAINT ck_tramo_fechas CHECK (fecha_limite >= fecha_inicio)
      )`);

    await q.query(`
      CREATE TABLE entidad (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        codigo varchar(20) NOT NULL,
        nombre text NOT NULL,
        ruc char(11) NOT NULL,
        tipo text NOT NULL,
        nivel_gobierno text NOT NULL,
        sector text NOT NULL DEFAULT '',
        ubigeo char(6) NOT NULL,
        tramo_id smallint,
        activo boolean NOT NULL DEFAULT true,
        plazo_respuesta_dias smallint NOT NULL DEFAULT 30,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_entidad PRIMARY KEY (id),
        CONSTRAINT uq_entidad_codigo UNIQUE (codigo),
        CONSTRAINT uq_entidad_ruc UNIQUE (ruc),
        CONSTRAINT fk_entidad_tramo FOREIGN KEY (tramo_id) REFERENCES tramo (id),
        CONSTRAINT ck_entidad_codigo CHECK (codigo ~ '^[A-Z0-9]{2,20}$'),
        CONSTRAINT ck_entidad_tipo CHECK (tipo IN ('ministerio','organismo_publico','ffaa_policia','gobierno_regional',
          'municipalidad_provincial','municipalidad_distrital','universidad','empresa_estado','otro')),
        CONSTRAINT ck_entidad_nivel CHECK (nivel_gobierno IN ('nacional','regional','local')),
        -- The law gives 30 business days; an entity may only set a shorter internal target.
        CONSTRAINT ck_entidad_plazo CHECK (plazo_respuesta_dias BETWEEN 1 AND 30)
      )`);
    // Citizens search entities by name: a trigram index keeps ILIKE '%q%' fast over 2,000+ entities.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX ix_entidad_nombre_trgm ON entidad USING gin (lower(nombre) gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_entidad_tramo ON entidad (tramo_id)`);

    for (const table of ['sede', 'unidad_organica', 'servicio']) {
      await q.query(`
        CREATE TABLE ${table} (
          id uuid NOT NULL DEFAULT gen_random_uuid(),
          entidad_id uuid NOT NULL,
          nombre text NOT NULL,
          ${table === 'sede' ? "direccion text NOT NULL DEFAULT '', ubigeo char(6)," : ''}
          activo boolean NOT NULL DEFAULT true,
          created_at timestamptz NOT NULL DEFAULT now(),
          CONSTRAINT pk_${table} PRIMARY KEY (id),
          CONSTRAINT fk_${table}_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
          CONSTRAINT uq_${table}_entidad_nombre UNIQUE (entidad_id, nombre)
        )`);
    }

    // One row per entity and year, locked by the filing transaction: the correlative
    // advances only when the reclamo commits, so the book never has a torn-out page.
    await q.query(`
      CREATE TABLE correlativo_reclamo (
        entidad_id uuid NOT NULL,
        anio smallint NOT NULL,
        ultimo integer NOT NULL,
        CONSTRAINT pk_correlativo_reclamo PRIMARY KEY (entidad_id, anio),
        CONSTRAINT fk_correlativo_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id)
      )`);

    await q.query(`
      CREATE TABLE reclamo (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        entidad_id uuid NOT NULL,
        codigo varchar(40) NOT NULL,
        anio smallint NOT NULL,
        correlativo integer NOT NULL,
        estado text NOT NULL DEFAULT 'registrado',
        canal text NOT NULL DEFAULT 'virtual',
        numero_hoja_fisica text,
        registrado_en timestamptz NOT NULL,
        fecha_registro_lima date NOT NULL,
        plazo_dias_habiles smallint NOT NULL,
        vence_el date NOT NULL,
        calendario_version text NOT NULL,
        aspecto text NOT NULL,
        sede_id uuid,
        unidad_id uuid,
        servicio_id uuid,
        fecha_hechos date,
        descripcion text NOT NULL,
        pedido text NOT NULL DEFAULT '',
        notificacion_email boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_reclamo PRIMARY KEY (id),
        CONSTRAINT uq_reclamo_codigo UNIQUE (codigo),
        CONSTRAINT uq_reclamo_correlativo UNIQUE (entidad_id, anio, correlativo),
        CONSTRAINT fk_reclamo_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT fk_reclamo_sede FOREIGN KEY (sede_id) REFERENCES sede (id),
        CONSTRAINT fk_reclamo_unidad FOREIGN KEY (unidad_id) REFERENCES unidad_organica (id),
        CONSTRAINT fk_reclamo_servicio FOREIGN KEY (servicio_id) REFERENCES servicio (id),
        CONSTRAINT ck_reclamo_estado CHECK (estado IN ('registrado','en_atencion','observado','respondido','notificado',
          'archivado','reconducido','trasladado','anulado')),
        CONSTRAINT ck_reclamo_canal CHECK (canal IN ('virtual','fisico')),
        CONSTRAINT ck_reclamo_hoja_fisica CHECK (canal = 'virtual' OR numero_hoja_fisica IS NOT NULL),
        CONSTRAINT ck_reclamo_aspecto CHECK (aspecto IN ('trato_profesional','informacion','tiempo_espera','acceso',
          'resultado','confianza'))
      )`);
    // The inbox: an entity's open reclamos by due date. Partial, so closed reclamos cost nothing.
    await q.query(`CREATE INDEX ix_reclamo_entidad_estado_vence ON reclamo (entidad_id, estado, vence_el)`);
    await q.query(`CREATE INDEX ix_reclamo_abiertos_vence ON reclamo (vence_el)
      WHERE estado IN ('registrado','en_atencion','observado','respondido')`);

    await q.query(`
      CREATE TABLE reclamo_persona (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        reclamo_id uuid NOT NULL,
        rol text NOT NULL,
        tipo_documento text NOT NULL,
        numero_documento varchar(20) NOT NULL,
        nombres text,
        apellidos text,
        razon_social text,
        email text,
        telefono varchar(20),
        ubigeo char(6),
        direccion text,
        CONSTRAINT pk_reclamo_persona PRIMARY KEY (id),
        CONSTRAINT fk_reclamo_persona_reclamo FOREIGN KEY (reclamo_id) REFERENCES reclamo (id) ON DELETE CASCADE,
        CONSTRAINT uq_reclamo_persona_rol UNIQUE (reclamo_id, rol),
        CONSTRAINT ck_reclamo_persona_rol CHECK (rol IN ('reclamante','representado','apoderado')),
        CONSTRAINT ck_reclamo_persona_tipo_doc CHECK (tipo_documento IN ('DNI','CE','PASAPORTE','RUC'))
      )`);
    await q.query(`CREATE INDEX ix_reclamo_persona_documento ON reclamo_persona (numero_documento)`);

    await q.query(`
      CREATE TABLE adjunto (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        reclamo_id uuid NOT NULL,
        nombre_original text NOT NULL,
        tipo_mime text NOT NULL,
        bytes integer NOT NULL,
        sha256 char(64) NOT NULL,
        clave_almacen text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_adjunto PRIMARY KEY (id),
        CONSTRAINT fk_adjunto_reclamo FOREIGN KEY (reclamo_id) REFERENCES reclamo (id) ON DELETE CASCADE,
        CONSTRAINT ck_adjunto_bytes CHECK (bytes > 0 AND bytes <= 20971520)
      )`);
    await q.query(`CREATE INDEX ix_adjunto_reclamo ON adjunto (reclamo_id)`);

    // The reclamo's timeline; every change of a reclamo leaves a row here.
    await q.query(`
      CREATE TABLE reclamo_evento (
        id bigint GENERATED ALWAYS AS IDENTITY,
        reclamo_id uuid NOT NULL,
        entidad_id uuid NOT NULL,
        tipo text NOT NULL,
        estado_anterior text,
        estado_nuevo text,
        actor_tipo text NOT NULL,
        actor_id uuid,
        motivo text,
        datos jsonb NOT NULL DEFAULT '{}',
        ocurrido_en timestamptz NOT NULL,
        CONSTRAINT pk_reclamo_evento PRIMARY KEY (id),
        CONSTRAINT fk_reclamo_evento_reclamo FOREIGN KEY (reclamo_id) REFERENCES reclamo (id) ON DELETE CASCADE,
        CONSTRAINT fk_reclamo_evento_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT ck_reclamo_evento_actor CHECK (actor_tipo IN ('ciudadano','personal','sistema'))
      )`);
    await q.query(`CREATE INDEX ix_reclamo_evento_reclamo ON reclamo_evento (reclamo_id, id)`);

    // Outbox: written in the same transaction as the change that causes the message.
    await q.query(`
      CREATE TABLE outbox (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        entidad_id uuid,
        reclamo_id uuid,
        tipo text NOT NULL,
        canal text NOT NULL DEFAULT 'email',
        destinatario text NOT NULL,
        datos jsonb NOT NULL DEFAULT '{}',
        clave_unica text,
        estado text NOT NULL DEFAULT 'pendiente',
        intentos integer NOT NULL DEFAULT 0,
        ultimo_error text,
        message_id text,
        enviado_en timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_outbox PRIMARY KEY (id),
        CONSTRAINT fk_outbox_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT fk_outbox_reclamo FOREIGN KEY (reclamo_id) REFERENCES reclamo (id),
        CONSTRAINT uq_outbox_clave_unica UNIQUE (clave_unica),
        CONSTRAINT ck_outbox_estado CHECK (estado IN ('pendiente','enviado','fallido'))
      )`);
    await q.query(`CREATE INDEX ix_outbox_pendiente ON outbox (created_at) WHERE estado = 'pendiente'`);
    await q.query(`CREATE INDEX ix_outbox_reclamo ON outbox (reclamo_id)`);

    await q.query(`
      CREATE TABLE idempotencia (
        ambito text NOT NULL,
        clave varchar(200) NOT NULL,
        huella char(64) NOT NULL,
        estado_http smallint NOT NULL,
        respuesta jsonb NOT NULL,
        reclamo_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_idempotencia PRIMARY KEY (ambito, clave),
        CONSTRAINT fk_idempotencia_reclamo FOREIGN KEY (reclamo_id) REFERENCES reclamo (id) ON DELETE CASCADE
      )`);

    // Back-office staff; sign-in and roles grow in the Atención issue.
    await q.query(`
      CREATE TABLE usuario (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        entidad_id uuid,
        email text NOT NULL,
        nombre text NOT NULL,
        rol text NOT NULL,
        password_hash text NOT NULL,
        activo boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_usuario PRIMARY KEY (id),
        CONSTRAINT fk_usuario_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT ck_usuario_rol CHECK (rol IN ('oficial','responsable_titular','responsable_alterno','titular_entidad',
          'coordinador','administrador')),
        -- Staff belong to one entity, except coordinators and administrators.
        CONSTRAINT ck_usuario_entidad CHECK ((rol IN ('coordinador','administrador')) = (entidad_id IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_usuario_email ON usuario (lower(email))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'usuario',
      'idempotencia',
      'outbox',
      'reclamo_evento',
      'adjunto',
      'reclamo_persona',
      'reclamo',
      'correlativo_reclamo',
      'servicio',
      'unidad_organica',
      'sede',
      'entidad',
      'tramo',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
