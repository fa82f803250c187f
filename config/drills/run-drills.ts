/**
 * `npm run drills -- load|faults|backup|retention|cluster` (through config/scripts/drills.sh, which also runs the fuzz part
 * and builds the apps). Each part starts its own PostgreSQL, Redis, SMTP server and apps (see
 * support/stack.ts) and writes .local/drills/<part>.md and .json. Exit code 1 when a part failed
 * its aims or could not run.
 */
import { backupDrill } from './backup.drill';
import { clusterDrill } from './cluster.drill';
import { faultsDrill } from './faults.drill';
import { loadDrill } from './load.drill';
import { retentionDrill } from './retention.drill';

const PARTS: Record<string, () => Promise<boolean>> = { load: loadDrill, faults: faultsDrill, backup: backupDrill, retention: retentionDrill, cluster: clusterDrill };

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in PARTS));
  if (unknown.length > 0) {
    process.stderr.write(`[drills] partes desconocidas: ${unknown.join(', ')}; disponibles: ${Object.keys(PARTS).join(', ')}\n`);
    return 2;
  }
  let ok = true;
  for (const name of wanted.length > 0 ? wanted : Object.keys(PARTS)) {
    process.stderr.write(`\n[drills] === ${name}\n`);
    try {
      const passed = await PARTS[name]();
      process.stderr.write(`[drills] ${name}: ${passed ? 'PASS' : 'FAIL'}\n`);
      ok &&= passed;
    } catch (error) {
      process.stderr.write(`[drills] ${name} no pudo completarse: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      ok = false;
    }
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[drills] ${String(error)}\n`);
    process.exit(1);
  },
);
