#!/usr/bin/env bash
# `npm run drills`: the fuzz suite (test/e2e/fuzz-*.e2e-spec.ts) at length. `npm test` runs the same
# files with a few cases per route (FUZZ_RUNS=3) and a fixed seed; here FUZZ_RUNS defaults to 60 and
# FUZZ_CONTAR=1 lists every finding at the end instead of stopping at the first.
# Replay a finding: FUZZ_SEED=<seed printed> FUZZ_RUNS=<n> npm run drills
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_PREFIX="[drills]"
cd "$REPO_ROOT"

bash config/scripts/install-deps.sh
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/reclamos_test}"
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379/1}"
DATABASE_URL="$TEST_DATABASE_URL" REDIS_URL="$TEST_REDIS_URL" bash config/scripts/services.sh
export FUZZ_RUNS="${FUZZ_RUNS:-60}"
export FUZZ_SEED="${FUZZ_SEED:-$(date +%s)}"
export FUZZ_CONTAR="${FUZZ_CONTAR:-1}"
log "fuzz: FUZZ_SEED=$FUZZ_SEED FUZZ_RUNS=$FUZZ_RUNS (casos por ruta)"
# Same Jest flags as `npm test` (see test.sh); the fuzz file runs alone, with a longer timeout.
export NODE_OPTIONS="--experimental-vm-modules --disable-warning=ExperimentalWarning ${NODE_OPTIONS:-}"
exec npx jest --ci --testTimeout=3600000 "test/e2e/fuzz-" "$@"
