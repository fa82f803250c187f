import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BusinessCalendar, CalendarData, CalendarScope } from '@app/calendar';

interface Cached {
  readonly revision: string;
  readonly calendar: BusinessCalendar;
}

/** What a calendar question needs to know about an entity. */
export interface EntidadCalendario {
  readonly codigo: string;
  readonly ubigeo: string;
}

/** Regional days apply by the entity's departamento: the first two digits of its ubigeo. */
export function scopeOfEntidad(entidad: EntidadCalendario): CalendarScope {
  return { departamento: entidad.ubigeo.slice(0, 2), entityCode: entidad.codigo };
}

/**
 * Loads the non-working days stored in the database into a BusinessCalendar.
 *
 * The calendar is cached per process and rebuilt only when `calendario_revision` moved: each call
 * costs one primary-key read, and a day added in the back-office is seen by the citizen app and
 * the worker on their next call, with no deploy and no pub/sub. Writers bump the revision in the
 * same transaction as their change (`bumpRevision`).
 */
@Injectable()
export class CalendarRepository {
  private cached: Cached | null = null;
  private loading: Promise<Cached> | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async current(): Promise<BusinessCalendar> {
    const [row]: Array<{ revision: string }> = await this.dataSource.query(
      `SELECT revision::text AS revision FROM calendario_revision WHERE id = 1`,
    );
    const revision = row?.revision ?? '0';
    if (this.cached?.revision === revision) return this.cached.calendar;
    // Concurrent callers share one load instead of each reading every row.
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    const loaded = await this.loading;
    this.cached = loaded;
    return loaded.calendar;
  }

  /** Drops the cached calendar; the next `current()` reloads it. */
  invalidate(): void {
    this.cached = null;
  }

  /** Call inside the transaction that changed dia_no_laborable. */
  async bumpRevision(manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE calendario_revision SET revision = revision + 1, updated_at = now() WHERE id = 1`);
  }

  private async load(): Promise<Cached> {
    // Revision and rows read in one snapshot, so the cache never pairs new rows with an old revision.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [row]: Array<{ revision: string }> = await manager.query(
        `SELECT revision::text AS revision FROM calendario_revision WHERE id = 1`,
      );
      const rows: Array<{
        tipo: 'decretado' | 'regional' | 'cierre_entidad';
        fecha: string;
        decreto: string | null;
        departamento: string | null;
        entidad_codigo: string | null;
        descripcion: string;
      }> = await manager.query(
        `SELECT d.tipo, d.fecha::text AS fecha, d.decreto, d.departamento, e.codigo AS entidad_codigo, d.descripcion
           FROM dia_no_laborable d LEFT JOIN entidad e ON e.id = d.entidad_id
          ORDER BY d.fecha, d.id`,
      );
      const data: CalendarData = {
        decreed: rows
          .filter((r) => r.tipo === 'decretado')
          .map((r) => ({ date: r.fecha, decree: r.decreto ?? '', description: r.descripcion })),
        regional: rows
          .filter((r) => r.tipo === 'regional')
          .map((r) => ({ date: r.fecha, departamento: r.departamento ?? '', description: r.descripcion })),
        entityClosures: rows
          .filter((r) => r.tipo === 'cierre_entidad')
          .map((r) => ({ date: r.fecha, entityCode: r.entidad_codigo ?? '', description: r.descripcion })),
      };
      return { revision: row?.revision ?? '0', calendar: new BusinessCalendar(data) };
    });
  }
}
