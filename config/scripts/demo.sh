#!/usr/bin/env bash
# `npm run demo`: the whole platform with demo data, from a fresh clone. Ctrl-C stops it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_PREFIX="[demo]"
cd "$REPO_ROOT"

export DATABASE_URL="${DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/reclamos}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export CITIZEN_PORT="${CITIZEN_PORT:-3000}"
export BACKOFFICE_PORT="${BACKOFFICE_PORT:-3001}"
# Links in receipts, QR codes and e-mails point at the ports actually used.
export PUBLIC_BASE_URL="${PUBLIC_BASE_URL:-http://localhost:$CITIZEN_PORT}"
export BACKOFFICE_BASE_URL="${BACKOFFICE_BASE_URL:-http://localhost:$BACKOFFICE_PORT}"

bash config/scripts/install-deps.sh
bash config/scripts/services.sh
bash config/scripts/prepare-database.sh
npm run --silent seed
log "compilando…"
npx nest build >/dev/null

mkdir -p .local/logs
pids=()
for app in citizen backoffice worker; do
  node --enable-source-maps "dist/apps/$app/src/main.js" >".local/logs/$app.log" 2>&1 &
  pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null; wait; log "detenido"' INT TERM EXIT

for port in "$CITIZEN_PORT" "$BACKOFFICE_PORT"; do
  for _ in $(seq 1 60); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:$port/health" >/dev/null || die "la app del puerto $port no respondió; vea .local/logs/"
done

cat <<MSG

  Libro de Reclamaciones en marcha (registros en .local/logs/):

    Ciudadanos:        http://localhost:$CITIZEN_PORT/
    Un libro:          http://localhost:$CITIZEN_PORT/e/MINEDU
    Seguimiento:       http://localhost:$CITIZEN_PORT/seguimiento
    API (OpenAPI):     http://localhost:$CITIZEN_PORT/api/docs
    Back-office:       http://localhost:$BACKOFFICE_PORT/ingresar  (API: /api/docs)
    Salud:             http://localhost:$CITIZEN_PORT/health

  Cuentas de demostración: las imprimió el seed más arriba.
  Ctrl-C para detener.

MSG
wait
