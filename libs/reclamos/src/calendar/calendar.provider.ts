import { Injectable } from '@nestjs/common';
import { BusinessCalendar, CalendarScope, EMPTY_CALENDAR_DATA } from '@app/calendar';
import { EntidadEntity } from '@app/persistence';

/**
 * The business-day calendar in force. National holidays come from the calendar library;
 * decreed, regional and entity days are data that later migrations add (Plazos issue).
 * One place, so every due date on the platform is counted the same way.
 */
@Injectable()
export class CalendarProvider {
  private calendar = new BusinessCalendar(EMPTY_CALENDAR_DATA);

  async current(): Promise<BusinessCalendar> {
    return this.calendar;
  }

  scopeOf(entidad: Pick<EntidadEntity, 'codigo' | 'ubigeo'>): CalendarScope {
    return { departamento: entidad.ubigeo.slice(0, 2), entityCode: entidad.codigo };
  }
}
