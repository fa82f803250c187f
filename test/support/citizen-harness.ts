import { CitizenModule } from '../../apps/citizen/src/citizen.module';
import { CITIZEN_APP_OPTIONS } from '../../apps/citizen/src/citizen-app';
import { HarnessOptions, HttpHarness, startHttpApp } from './http-harness';

export type CitizenHarness = HttpHarness;

/** The real citizen app on a free port, against the test database and Redis, with a clock the test sets. */
export function startCitizenApp(now = new Date(), options: HarnessOptions = {}): Promise<CitizenHarness> {
  return startHttpApp(CitizenModule, CITIZEN_APP_OPTIONS, now, options);
}
