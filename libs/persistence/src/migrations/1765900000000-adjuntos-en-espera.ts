import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Formulario (issue 13): the files a citizen attached to a hoja that came back with an error, or that
 * waits on the «Revise su reclamo» step, kept under the form's submission key (`claveEnvio`) so the
 * person does not attach them again and none is silently dropped. The final submission moves them to
 * `adjunto` and deletes these rows in the filing's transaction; rows left behind (the person gave up)
 * are removed with their files after a day. Written only by libs/reclamos (`AdjuntosEnEspera`).
 */
export class AdjuntosEnEspera1765900000000 implements MigrationInterface {
  name = 'AdjuntosEnEspera1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE adjunto_en_espera (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        entidad_id uuid NOT NULL,
        clave_envio text NOT NULL,
        nombre_original text NOT NULL,
        tipo_mime text NOT NULL,
        bytes integer NOT NULL,
        sha256 char(64) NOT NULL,
        clave_almacen text NOT NULL,
        recibido_en timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_adjunto_en_espera PRIMARY KEY (id),
        CONSTRAINT fk_adjunto_en_espera_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id) ON DELETE CASCADE,
        CONSTRAINT uq_adjunto_en_espera_clave_almacen UNIQUE (clave_almacen),
        CONSTRAINT ck_adjunto_en_espera_bytes CHECK (bytes > 0 AND bytes <= 20971520),
        CONSTRAINT ck_adjunto_en_espera_clave_envio CHECK (clave_envio ~ '^[A-Za-z0-9-]{8,100}$')
      )`);
    await q.query(`CREATE INDEX ix_adjunto_en_espera_formulario ON adjunto_en_espera (entidad_id, clave_envio)`);
    await q.query(`CREATE INDEX ix_adjunto_en_espera_recibido ON adjunto_en_espera (recibido_en)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE adjunto_en_espera`);
  }
}
