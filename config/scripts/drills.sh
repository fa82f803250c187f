#!/usr/bin/env bash
# `npm run drills [-- PART…]`: operation drills, part by part; no PART runs every part that exists.
#   fuzz    the fuzz suite (test/e2e/fuzz-*.e2e-spec.ts) at length. `npm test` runs the same files with a
#           few cases per route (FUZZ_RUNS=3) and a fixed seed; here FUZZ_RUNS defaults to 60 and
#           FUZZ_CONTAR=1 lists every finding at the end. Replay: FUZZ_SEED=<seed> FUZZ_RUNS=<n> npm run drills -- fuzz
#           (arguments starting with "-" go to Jest).
#   load    the office-hour mix on both apps with the sweep and the sender running (config/drills/load.drill.ts)
#   faults  the same mix while PostgreSQL restarts, Redis and the processes are killed (config/drills/faults.drill.ts)
#   backup  npm run backup while filings go on, restore into a new database and directory, verify (config/drills/backup.drill.ts)
#   cluster the load mix on 2+2 instances, 2 workers, a Redis Cluster, a PostgreSQL primary + streaming replica and S3 (config/drills/cluster.drill.ts)
#   retention  the Ley 29733 purge by two workers over 3-year-old history; figures, chains and files checked (config/drills/retention.drill.ts)
# load and faults start their OWN PostgreSQL, Redis, SMTP server and apps on spare ports under a temporary
# directory (the shared 5432/6379 are left alone) and write .local/drills/<part>.md and .json.
# Settings: DRILLS_RATE, DRILLS_DURATION, DRILLS_OPEN_CASES, DRILLS_RECOVERY_BOUND_S, DRILLS_FAULT_GAP_S, DRILLS_KEEP=1.
# Exit code 1 when a part fails its aims, 2 when a part asked for does not exist.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_PREFIX="[drills]"
cd "$REPO_ROOT"

AVAILABLE=(fuzz load faults backup retention cluster)

parts=()
jest_args=()
for arg in "$@"; do
  case "$arg" in -*) jest_args+=("$arg") ;; *) parts+=("$arg") ;; esac
done
if [ ${#parts[@]} -eq 0 ]; then
  parts=("${AVAILABLE[@]}")
  log "partes: ${AVAILABLE[*]}"
fi
for part in "${parts[@]}"; do
  if [[ " ${AVAILABLE[*]} " != *" $part "* ]]; then
    log "ERROR: parte desconocida «$part»; disponibles: ${AVAILABLE[*]}"
    exit 2
  fi
done

bash config/scripts/install-deps.sh
status=0

run_fuzz() {
  export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/reclamos_test}"
  export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379/1}"
  DATABASE_URL="$TEST_DATABASE_URL" REDIS_URL="$TEST_REDIS_URL" bash config/scripts/services.sh
  export FUZZ_RUNS="${FUZZ_RUNS:-60}"
  export FUZZ_SEED="${FUZZ_SEED:-$(date +%s)}"
  export FUZZ_CONTAR="${FUZZ_CONTAR:-1}"
  log "fuzz: FUZZ_SEED=$FUZZ_SEED FUZZ_RUNS=$FUZZ_RUNS (casos por ruta)"
  # Same Jest flags as `npm test` (see test.sh); the fuzz file runs alone, with a longer timeout.
  NODE_OPTIONS="--experimental-vm-modules --disable-warning=ExperimentalWarning ${NODE_OPTIONS:-}" \
    npx jest --ci --testTimeout=3600000 "test/e2e/fuzz-" ${jest_args[@]+"${jest_args[@]}"}
}

drill_parts=()
for part in "${parts[@]}"; do
  case "$part" in
    fuzz) run_fuzz || status=1 ;;
    *) drill_parts+=("$part") ;;
  esac
done

if [ ${#drill_parts[@]} -gt 0 ]; then
  # The drills run the apps from the build, as in production; rebuild only when stale.
  main="dist/apps/citizen/src/main.js"
  if [ ! -f "$main" ] || [ -n "$(find apps libs -name '*.ts' -newer "$main" -print -quit)" ]; then
    log "compilando…"
    npx nest build >/dev/null
  fi
  # The backup, retention and cluster parts use the libs in this process (their config module validates the
  # environment on import): development rules, as the apps they start.
  NODE_ENV="${NODE_ENV:-development}" npx ts-node -r tsconfig-paths/register --transpile-only config/drills/run-drills.ts "${drill_parts[@]}" || status=1
fi
exit "$status"
