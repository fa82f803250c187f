#!/usr/bin/env bash
# `npm run bench`: performance measurements, part by part (config/bench/run-all.ts).
# Prepares what they need — dependencies, PostgreSQL and Redis, a database of their own
# (reclamos_bench: migrated and seeded; the bench empties its filing tables) and an
# up-to-date build of the apps — then runs them. Arguments pick parts:
#   npm run bench -- filing
# Settings: BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_CONNECTIONS, BENCH_DURATION,
# BENCH_WARMUP, BENCH_ROUNDS, BENCH_FIXED_ROUNDS, BENCH_FIXED_DURATION, BENCH_POOL_SIZE, BENCH_PROFILE=1 (see config/bench/support/bench-env.ts).
# Exit code 1 if a part could not measure (e.g. failed requests); a missed aim is not an error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_PREFIX="[bench]"
cd "$REPO_ROOT"

# An unset NODE_ENV means production: the benchmarks' migrations and seed run as development.
export NODE_ENV="${NODE_ENV:-development}"
export BENCH_DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/reclamos_bench}"
export BENCH_REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379/4}"

bash config/scripts/install-deps.sh
DATABASE_URL="$BENCH_DATABASE_URL" REDIS_URL="$BENCH_REDIS_URL" bash config/scripts/services.sh

log "preparando la base $(url_host "$BENCH_DATABASE_URL"):$(url_port "$BENCH_DATABASE_URL" 5432)/${BENCH_DATABASE_URL##*/}…"
node config/scripts/ensure-database.js "$BENCH_DATABASE_URL"
DATABASE_URL="$BENCH_DATABASE_URL" npm run --silent migration:run >/dev/null
DATABASE_URL="$BENCH_DATABASE_URL" npm run --silent seed >/dev/null

# The servers under test run from the build, as in production; rebuild only when stale.
main="dist/apps/citizen/src/main.js"
if [ ! -f "$main" ] || [ -n "$(find apps libs -name '*.ts' -newer "$main" -print -quit)" ]; then
  log "compilando…"
  npx nest build >/dev/null
fi

exec npx ts-node -r tsconfig-paths/register --transpile-only config/bench/run-all.ts "$@"
