#!/usr/bin/env bash
# The database named in DATABASE_URL exists and has every migration applied.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_PREFIX="[db]"
cd "$REPO_ROOT"
DATABASE_URL="${DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/reclamos}"
node config/scripts/ensure-database.js "$DATABASE_URL"
DATABASE_URL="$DATABASE_URL" npm run --silent migration:run >/dev/null
