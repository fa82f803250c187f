#!/usr/bin/env bash
# `npm test`: the whole suite (unit, integration, e2e, browser) from a fresh clone.
# Installs what is missing, runs the static checks (typecheck, then lint: tsconfig.json and the
# lint globs cover the tests too, so a type error in a spec fails here, before any service starts),
# brings up PostgreSQL and Redis, then runs Jest; its exit code is ours.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_PREFIX="[test]"
cd "$REPO_ROOT"

bash config/scripts/install-deps.sh
# Static checks first: cheap next to the suite, and with set -e either one failing stops `npm test`.
log "typecheck (tsc --noEmit)…"
npm run --silent typecheck
log "lint (eslint, cero advertencias)…"
npm run --silent lint
# An unset NODE_ENV means production; the suite (and the CLIs it may start) runs as test.
export NODE_ENV=test
# The tests use a database and a Redis db of their own (test/support/test-env.ts); the servers are the configured ones.
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/reclamos_test}"
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379/1}"
DATABASE_URL="$TEST_DATABASE_URL" REDIS_URL="$TEST_REDIS_URL" bash config/scripts/services.sh
bash config/scripts/ensure-chromium.sh
bash config/scripts/ensure-heif-enc.sh
# Migrations and the seed are applied by Jest's globalSetup, the same code the CLI runs.
# @fastify/cookie loads the ESM `cookie` package with import(); Jest allows that inside its sandbox
# only with VM modules on (the warning it prints about them is expected).
export NODE_OPTIONS="--experimental-vm-modules --disable-warning=ExperimentalWarning ${NODE_OPTIONS:-}"
# Four workers: the files are I/O-bound (database, Redis, browser), and each counts only its own
# rows, so they run side by side (measured on 2 cores: ~105 s with one worker, ~70 s with four).
# A later --maxWorkers in "$@" wins.
exec npx jest --ci --maxWorkers=4 "$@"
