import { Module } from '@nestjs/common';
import { CalendarRepository } from './calendar.repository';

/**
 * Only the database-backed calendar, for libs that count due dates (registro) without the rest of
 * plazos. Needs PersistenceModule in the app.
 */
@Module({ providers: [CalendarRepository], exports: [CalendarRepository] })
export class CalendarDataModule {}
