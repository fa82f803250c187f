#!/usr/bin/env bash
# Starts one of the three processes (citizen | backoffice | worker) from the compiled build,
# compiling first when the sources are newer than the build.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_PREFIX="[start]"
cd "$REPO_ROOT"
app="${1:?usage: start-app.sh citizen|backoffice|worker}"
case "$app" in citizen|backoffice|worker) ;; *) die "unknown app: $app" ;; esac
main="dist/apps/$app/src/main.js"
if [ ! -f "$main" ] || [ -n "$(find apps libs -name '*.ts' -newer "$main" -print -quit)" ]; then
  # One build compiles the three apps and the libs (tsconfig.build.json).
  npx nest build >/dev/null
fi
exec node --enable-source-maps "$main"
