#!/usr/bin/env bash
# Installs node_modules from the lockfile when they are missing or older than it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_PREFIX="[deps]"
cd "$REPO_ROOT"
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  log "instalando dependencias…"
  # `npm install`, not `npm ci`: npm 11 refuses `ci` when the lockfile lacks other platforms'
  # optional binaries (darwin, win32…), which it does not record here. The lockfile still pins versions.
  npm install --no-audit --no-fund --loglevel=error
fi
