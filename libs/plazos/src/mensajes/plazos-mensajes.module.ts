import { Module } from '@nestjs/common';
import { CalendarDataModule } from '../calendar/calendar-data.module';
import { AlertaPlazoCargador } from './alerta-plazo.cargador';

/** The worker's part of plazos: the loader of the reminders the deadline sweep writes. */
@Module({ imports: [CalendarDataModule], providers: [AlertaPlazoCargador] })
export class PlazosMensajesModule {}
