import { loadEnvironment } from '@app/platform/config';
import { createBackofficeApp } from './backoffice-app';

async function main(): Promise<void> {
  const env = loadEnvironment();
  const app = await createBackofficeApp();
  await app.listen({ port: env.BACKOFFICE_PORT, host: env.HOST });
}

void main();
