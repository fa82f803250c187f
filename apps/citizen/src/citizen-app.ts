import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, HttpAppOptions } from '@app/platform/http';
import { CitizenModule } from './citizen.module';
import { registrarIdioma } from './i18n/idioma.hook';

export const CITIZEN_APP_OPTIONS: HttpAppOptions = {
  name: 'citizen',
  title: 'Libro de Reclamaciones – API pública',
  description: 'Registro y seguimiento de reclamos ante las entidades públicas del Perú (D.S. N° 007-2020-PCM).',
  hooks: registrarIdioma,
};

/** Built apart from main.ts so tests and benchmarks start the very same app on a port of their own. */
export function createCitizenApp(): Promise<NestFastifyApplication> {
  return createHttpApp(CitizenModule, CITIZEN_APP_OPTIONS);
}
