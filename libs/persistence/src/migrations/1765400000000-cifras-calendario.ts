import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The figures count business days (days to notification, on time or late) with the calendar as it
 * was when each day was rolled up. `medicion_progreso.calendario_version` records the calendar
 * the rollups were last rebuilt with (`BusinessCalendar#version`, a hash of its days); when a
 * non-working day is added or removed the version changes and the next update rebuilds every
 * rollup with the new calendar. NULL (every deployment before this migration) means "unknown": rebuilt once.
 */
export class CifrasCalendario1765400000000 implements MigrationInterface {
  name = 'CifrasCalendario1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE medicion_progreso ADD COLUMN calendario_version text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE medicion_progreso DROP COLUMN calendario_version`);
  }
}
