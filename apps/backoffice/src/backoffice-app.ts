import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, HttpAppOptions } from '@app/platform/http';
import { BackofficeModule } from './backoffice.module';

export const BACKOFFICE_APP_OPTIONS: HttpAppOptions = {
  name: 'backoffice',
  title: 'Libro de Reclamaciones – back-office',
  description: 'Atención de reclamos por las entidades y seguimiento de la implementación por tramos.',
};

export function createBackofficeApp(): Promise<NestFastifyApplication> {
  return createHttpApp(BackofficeModule, BACKOFFICE_APP_OPTIONS);
}
