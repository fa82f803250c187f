import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The satisfaction survey after a reclamo's answer is notified: one per reclamo (its primary key),
 * on the SGP's quality model (Likert 1–5 for overall satisfaction, speed, clarity and treatment;
 * whether the problem was solved). Kept apart from personal data: no name, document or contact,
 * only the reclamo and its entity, so figures can count it.
 */
export class Encuesta1764500000000 implements MigrationInterface {
  name = 'Encuesta1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE encuesta (
        reclamo_id uuid NOT NULL,
        entidad_id uuid NOT NULL,
        satisfaccion_general smallint NOT NULL,
        rapidez smallint NOT NULL,
        claridad smallint NOT NULL,
        trato smallint NOT NULL,
        resuelto text NOT NULL,
        comentario text,
        respondida_en timestamptz NOT NULL,
        CONSTRAINT pk_encuesta PRIMARY KEY (reclamo_id),
        CONSTRAINT fk_encuesta_reclamo FOREIGN KEY (reclamo_id) REFERENCES reclamo (id) ON DELETE CASCADE,
        CONSTRAINT fk_encuesta_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT ck_encuesta_escala CHECK (
          satisfaccion_general BETWEEN 1 AND 5 AND rapidez BETWEEN 1 AND 5 AND claridad BETWEEN 1 AND 5 AND trato BETWEEN 1 AND 5),
        CONSTRAINT ck_encuesta_resuelto CHECK (resuelto IN ('si', 'en_parte', 'no')),
        CONSTRAINT ck_encuesta_comentario CHECK (comentario IS NULL OR length(comentario) <= 2000)
      )`);
    await q.query(`CREATE INDEX ix_encuesta_entidad ON encuesta (entidad_id, respondida_en)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE encuesta`);
  }
}
