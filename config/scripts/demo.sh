#!/usr/bin/env bash
# `npm run demo`: the whole platform with demo data, from a fresh clone. Ctrl-C stops it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_PREFIX="[demo]"
cd "$REPO_ROOT"

# An unset NODE_ENV means production (its own SESSION_SECRET required): the demo says it is development.
export NODE_ENV="${NODE_ENV:-development}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/reclamos}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export CITIZEN_PORT="${CITIZEN_PORT:-3000}"
export BACKOFFICE_PORT="${BACKOFFICE_PORT:-3001}"
# Links in receipts, QR codes and e-mails point at the ports actually used.
export PUBLIC_BASE_URL="${PUBLIC_BASE_URL:-http://localhost:$CITIZEN_PORT}"
export BACKOFFICE_BASE_URL="${BACKOFFICE_BASE_URL:-http://localhost:$BACKOFFICE_PORT}"
# Where the worker sends e-mails (defaults of libs/platform/src/config/environment.ts), and the
# port of the web inbox of the mail catcher this script starts when nothing answers there.
export SMTP_HOST="${SMTP_HOST:-127.0.0.1}"
export SMTP_PORT="${SMTP_PORT:-1025}"
MAIL_UI_PORT="${MAIL_UI_PORT:-1080}"

bash config/scripts/install-deps.sh
bash config/scripts/services.sh
# Another instance (an earlier demo, a dev server) on the apps' ports would answer the health checks
# below in their place: refuse before building, naming the port and how to choose another.
for pair in "CITIZEN_PORT:$CITIZEN_PORT" "BACKOFFICE_PORT:$BACKOFFICE_PORT"; do
  port_open 127.0.0.1 "${pair#*:}" \
    && die "el puerto ${pair#*:} (${pair%%:*}) ya está en uso (¿otra demo en marcha?); deténgala o elija otro: ${pair%%:*}=$(( ${pair#*:} + 10 )) npm run demo"
done

bash config/scripts/prepare-database.sh
npm run --silent seed
# About a year of demo reclamos for the seeded entities, then the figures rebuilt (once: later runs add nothing).
npm run --silent seed:historial
# The rollout: Tramo I as the SGP reported it in June 2021 and tramos II–V behind it (once, too).
npm run --silent seed:adopcion
log "compilando…"
npx nest build >/dev/null

mkdir -p .local/logs
pids=()
cleanup() {
  trap - EXIT INT TERM
  if [[ ${#pids[@]} -gt 0 ]]; then kill "${pids[@]}" 2>/dev/null || true; fi
  wait
  log "detenido"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# True when the SMTP server at SMTP_PORT is the Mailpit of docker-compose.yml (services.sh starts it
# when Docker is available), whose web inbox is published on 8025.
compose_mailpit_answers() {
  command -v docker >/dev/null 2>&1 || return 1
  local published limit=()
  command -v timeout >/dev/null 2>&1 && limit=(timeout 10)
  published="$("${limit[@]}" docker compose -f docker-compose.yml port mailpit 1025 2>/dev/null)" || return 1
  [[ "${published##*:}" == "$SMTP_PORT" ]]
}

# E-mails: an SMTP server that already answers is reused. Otherwise, on a local address, MailDev
# (devDependency) catches every message — plain SMTP, no TLS, no AUTH — and shows it in a web inbox.
if port_open "$SMTP_HOST" "$SMTP_PORT"; then
  if compose_mailpit_answers; then
    mail_line="Correos (Mailpit):           http://localhost:8025"
  else
    mail_line="Correos:                     al servidor SMTP que ya escucha en $SMTP_HOST:$SMTP_PORT"
  fi
elif is_local_host "$SMTP_HOST"; then
  port_open 127.0.0.1 "$MAIL_UI_PORT" \
    && die "el puerto $MAIL_UI_PORT (MAIL_UI_PORT, bandeja de correos) ya está en uso; elija otro: MAIL_UI_PORT=1081 npm run demo"
  if [[ -n "${SMTP_USER:-}" || "${SMTP_SECURE:-false}" =~ ^(1|true|yes|si)$ ]]; then
    warn "SMTP_USER/SMTP_SECURE no aplican a la bandeja local (SMTP sin TLS ni autenticación); se ignoran"
  fi
  export SMTP_SECURE=false
  unset SMTP_USER SMTP_PASS
  smtp_ip="$SMTP_HOST"; [[ "$smtp_ip" == localhost ]] && smtp_ip=127.0.0.1
  node_modules/.bin/maildev --smtp "$SMTP_PORT" --ip "$smtp_ip" --web "$MAIL_UI_PORT" --web-ip "${HOST:-0.0.0.0}" \
    >.local/logs/maildev.log 2>&1 &
  pids+=($!)
  wait_for_port "$smtp_ip" "$SMTP_PORT" 30 "MailDev (SMTP)" && wait_for_port 127.0.0.1 "$MAIL_UI_PORT" 30 "MailDev (web)" \
    && kill -0 "${pids[-1]}" 2>/dev/null \
    || die "MailDev no arrancó; vea .local/logs/maildev.log"
  log "MailDev recibe los correos en $smtp_ip:$SMTP_PORT"
  mail_line="Correos (bandeja de prueba): http://localhost:$MAIL_UI_PORT"
else
  warn "ningún servidor SMTP responde en $SMTP_HOST:$SMTP_PORT; el worker reintentará los envíos"
  mail_line="Correos:                     a $SMTP_HOST:$SMTP_PORT (aún sin respuesta)"
fi

for app in citizen backoffice worker; do
  node --enable-source-maps "dist/apps/$app/src/main.js" >".local/logs/$app.log" 2>&1 &
  pids+=($!)
done

for port in "$CITIZEN_PORT" "$BACKOFFICE_PORT"; do
  for _ in $(seq 1 60); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:$port/health" >/dev/null || die "la app del puerto $port no respondió; vea .local/logs/"
done

cat <<MSG

  Libro de Reclamaciones en marcha (registros en .local/logs/):

    Ciudadanos:                  http://localhost:$CITIZEN_PORT/
    Un libro:                    http://localhost:$CITIZEN_PORT/e/MINEDU
    Seguimiento:                 http://localhost:$CITIZEN_PORT/seguimiento
    API (OpenAPI):               http://localhost:$CITIZEN_PORT/api/docs
    Back-office:                 http://localhost:$BACKOFFICE_PORT/ingresar  (API: /api/docs)
    Salud:                       http://localhost:$CITIZEN_PORT/health
    $mail_line

  Cuentas de demostración: las imprimió el seed más arriba.
  Ctrl-C para detener.

MSG
wait
