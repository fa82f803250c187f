import { loadEnvironment } from '@app/platform/config';
import { createCitizenApp } from './citizen-app';

async function main(): Promise<void> {
  const env = loadEnvironment();
  const app = await createCitizenApp();
  await app.listen({ port: env.CITIZEN_PORT, host: env.HOST });
}

void main();
