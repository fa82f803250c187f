import { Injectable } from '@nestjs/common';
import { BusinessCalendar, CalendarScope } from '@app/calendar';
import { CalendarRepository, EntidadCalendario, scopeOfEntidad } from '@app/plazos';

/**
 * The business-day calendar in force: national holidays from the calendar library plus the
 * decreed, regional and entity days stored in the database (loaded and cached by plazos'
 * CalendarRepository). One place, so every due date on the platform is counted the same way.
 */
@Injectable()
export class CalendarProvider {
  constructor(private readonly calendars: CalendarRepository) {}

  async current(): Promise<BusinessCalendar> {
    return this.calendars.current();
  }

  scopeOf(entidad: EntidadCalendario): CalendarScope {
    return scopeOfEntidad(entidad);
  }
}
