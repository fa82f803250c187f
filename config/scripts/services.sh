#!/usr/bin/env bash
# Make sure PostgreSQL (DATABASE_URL) and Redis (REDIS_URL) accept connections.
# For each one, independently:
#   1. reachable already            -> reuse it (CI service, system server, compose...)
#   2. a Docker engine is available -> `docker compose up -d <service>`
#   3. otherwise                    -> a project-local server from the system
#      packages (installed with apt-get when we are root / have passwordless
#      sudo), data under .local/ of the repo.
# Idempotent and quiet on success. Usage: bash config/scripts/services.sh
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_PREFIX="[services]"

DATABASE_URL="${DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/reclamos}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
LOCAL_DIR="$REPO_ROOT/.local"
COMPOSE_FILE="$REPO_ROOT/docker-compose.yml"

PG_HOST="$(url_host "$DATABASE_URL")"; PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="$(url_port "$DATABASE_URL" 5432)"
PG_USER="$(url_user "$DATABASE_URL" postgres)"
REDIS_HOST="$(url_host "$REDIS_URL")"; REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
REDIS_PORT="$(url_port "$REDIS_URL" 6379)"

# ---------------------------------------------------------------- helpers ---

# One services.sh at a time per checkout (`npm test` and `npm run demo` may
# start together); the lock is taken only when something has to be started.
LOCKED=0
take_lock() {
  [[ $LOCKED -eq 1 ]] && return 0
  mkdir -p "$LOCAL_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$LOCAL_DIR/services.lock"
    flock -w 600 9 || die "timed out waiting for another services.sh (lock $LOCAL_DIR/services.lock)"
  fi
  LOCKED=1
}

DOCKER_STATE=""   # "", "yes" or "no"
COMPOSE=()
docker_usable() {
  if [[ -z "$DOCKER_STATE" ]]; then
    DOCKER_STATE=no
    if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
      if docker compose version >/dev/null 2>&1; then
        COMPOSE=(docker compose); DOCKER_STATE=yes
      elif command -v docker-compose >/dev/null 2>&1; then
        COMPOSE=(docker-compose); DOCKER_STATE=yes
      fi
    fi
  fi
  [[ $DOCKER_STATE == yes ]]
}

compose_up() { # SERVICE
  local out; out="$(mktemp)"
  if ! POSTGRES_PORT="$PG_PORT" REDIS_PORT="$REDIS_PORT" \
       "${COMPOSE[@]}" -f "$COMPOSE_FILE" up -d "$1" </dev/null >"$out" 2>&1 9>&-; then
    cat "$out" >&2; rm -f "$out"
    log "'${COMPOSE[*]} up -d $1' failed (output above)"
    return 1
  fi
  rm -f "$out"
}

need_install_msg() { # WHAT HOST PORT PACKAGES
  die "$1 is not reachable at $2:$3 and cannot be started here.
  Do one of:
    - start Docker (this script then runs: docker compose up -d), or
    - install the server: sudo apt-get install -y $4   (macOS: brew install $5), or
    - run this script as root / with passwordless sudo so it can install it, or
    - point the URL (DATABASE_URL / REDIS_URL) at a running server."
}

# ------------------------------------------------------------- PostgreSQL ---

# Run a command as the OS user that owns the project-local cluster: the
# `postgres` user when we are root (initdb/postgres refuse to run as root),
# ourselves otherwise.
pg_run() {
  if [[ $(id -u) -eq 0 ]]; then
    if command -v runuser >/dev/null 2>&1; then
      (cd / && runuser -u postgres -- "$@")
    else
      (cd / && su postgres -s /bin/sh -c "$(printf '%q ' "$@")")
    fi
  else
    "$@"
  fi
}

# Directory with initdb/pg_ctl. Prefers the major version a data dir was made
# with, then the newest Debian-style install, then PATH.
pg_bindir() { # [DATADIR]
  local want="" d
  [[ -n "${1:-}" && -f "$1/PG_VERSION" ]] && want="$(cat "$1/PG_VERSION")"
  if [[ -n "$want" && -x "/usr/lib/postgresql/$want/bin/pg_ctl" ]]; then
    echo "/usr/lib/postgresql/$want/bin"; return 0
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && { echo "$d"; return 0; }
  done
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"; return 0
  fi
  return 1
}

# A distro cluster that apt-get just created and started on our port (Debian
# does that): give the URL's role the URL's password, as the compose image does.
pg_adopt_distro_cluster() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p && $4 ~ /^online/ { f = 1 } END { exit !f }' || return 1
  local pw="postgres"
  if command -v node >/dev/null 2>&1; then
    pw="$(node -e 'const u = new URL(process.argv[1]); process.stdout.write(decodeURIComponent(u.password))' "$DATABASE_URL")"
  fi
  local sql="SELECT format('CREATE ROLE %I SUPERUSER LOGIN', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u') \\gexec
ALTER ROLE :\"u\" PASSWORD :'pw';"
  local -a psql_cmd=(psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres -v u="$PG_USER" -v pw="$pw")
  if [[ $(id -u) -eq 0 ]]; then
    printf '%s\n' "$sql" | pg_run "${psql_cmd[@]}" >/dev/null
  else
    printf '%s\n' "$sql" | (cd / && sudo -n -u postgres "${psql_cmd[@]}") >/dev/null
  fi
  log "using the PostgreSQL cluster that apt-get installed on port $PG_PORT (role '$PG_USER' set up with the URL's password)"
}

start_local_postgres() {
  local datadir="$LOCAL_DIR/postgres" bindir installed=0

  if ! bindir="$(pg_bindir "$datadir")"; then
    can_install || need_install_msg PostgreSQL "$PG_HOST" "$PG_PORT" postgresql postgresql@16
    log "installing PostgreSQL with apt-get (one-time)..."
    apt_install --no-install-recommends postgresql || die "could not install PostgreSQL"
    installed=1
    bindir="$(pg_bindir "$datadir")" || die "PostgreSQL was installed but initdb/pg_ctl were not found"
  fi
  if [[ $installed -eq 1 ]]; then
    sleep 1
    if port_open "$PG_HOST" "$PG_PORT"; then
      pg_adopt_distro_cluster && return 0
      die "something else started listening on $PG_HOST:$PG_PORT during the PostgreSQL install; check it or use another port in DATABASE_URL"
    fi
  fi

  mkdir -p "$LOCAL_DIR"
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres \
      || die "could not create the 'postgres' OS user"
    mkdir -p "$datadir"
    chown postgres: "$datadir"
    if ! pg_run test -w "$datadir"; then
      # The checkout is not traversable by the postgres user (e.g. under /root).
      datadir="/var/tmp/reclamos-postgres-$(printf '%s' "$REPO_ROOT" | cksum | cut -d' ' -f1)"
      [[ -d "$datadir" ]] || log "the postgres OS user cannot reach $LOCAL_DIR; keeping the local cluster in $datadir"
      mkdir -p "$datadir"; chown postgres: "$datadir"
      bindir="$(pg_bindir "$datadir")"
    fi
  fi
  local logfile="$datadir.log"
  touch "$logfile"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$logfile"

  if [[ ! -f "$datadir/PG_VERSION" ]]; then
    chmod 700 "$datadir" 2>/dev/null || true
    local -a locale_opt=(--no-locale)
    if locale -a 2>/dev/null | grep -qixE 'c\.utf-?8'; then locale_opt=(--locale=C.UTF-8)
    elif locale -a 2>/dev/null | grep -qixE 'en_US\.utf-?8'; then locale_opt=(--locale=en_US.UTF-8)
    fi
    local out; out="$(mktemp)"; chmod 644 "$out"
    if ! pg_run "$bindir/initdb" -D "$datadir" --auth=trust --username="$PG_USER" \
         --encoding=UTF8 "${locale_opt[@]}" </dev/null >"$out" 2>&1; then
      cat "$out" >&2; rm -f "$out"
      die "initdb failed for $datadir (delete that directory and retry)"
    fi
    rm -f "$out"
  fi

  if pg_run "$bindir/pg_ctl" status -D "$datadir" >/dev/null 2>&1; then
    die "the project-local PostgreSQL in $datadir is running but not on $PG_HOST:$PG_PORT (another port?).
  Stop it and re-run: $( [[ $(id -u) -eq 0 ]] && printf 'runuser -u postgres -- ' )$bindir/pg_ctl stop -D $datadir"
  fi

  if ! pg_run "$bindir/pg_ctl" start -D "$datadir" -l "$logfile" -w -t 60 \
       -o "-p $PG_PORT -k /tmp -c listen_addresses=$PG_HOST" </dev/null >/dev/null 2>&1 9>&-; then
    tail -n 20 "$logfile" >&2 || true
    die "could not start the project-local PostgreSQL (data: $datadir, log: $logfile)"
  fi
  wait_for_port "$PG_HOST" "$PG_PORT" 60 PostgreSQL || die "PostgreSQL started but $PG_HOST:$PG_PORT is not reachable (log: $logfile)"
  log "started project-local PostgreSQL on $PG_HOST:$PG_PORT (data: $datadir)"
}

ensure_postgres() {
  port_open "$PG_HOST" "$PG_PORT" && return 0
  is_local_host "$PG_HOST" || die "PostgreSQL at $PG_HOST:$PG_PORT (DATABASE_URL) is not reachable, and it is not a local address this script could start"
  take_lock
  port_open "$PG_HOST" "$PG_PORT" && return 0
  if docker_usable; then
    compose_up postgres || die "could not start PostgreSQL with Docker"
    wait_for_port "$PG_HOST" "$PG_PORT" 120 "PostgreSQL (docker compose)" || die "the postgres container did not come up; see: ${COMPOSE[*]} logs postgres"
    return 0
  fi
  start_local_postgres
}

# ------------------------------------------------------------------ Redis ---

start_local_redis() {
  local dir="$LOCAL_DIR/redis" bin installed=0
  if ! bin="$(command -v redis-server)"; then
    can_install || need_install_msg Redis "$REDIS_HOST" "$REDIS_PORT" redis-server redis
    log "installing Redis with apt-get (one-time)..."
    apt_install --no-install-recommends redis-server || die "could not install Redis"
    installed=1
    bin="$(command -v redis-server)" || die "Redis was installed but redis-server was not found"
  fi
  # Debian starts its own redis-server on 6379 when it installs the package.
  if [[ $installed -eq 1 ]] && { sleep 1; port_open "$REDIS_HOST" "$REDIS_PORT"; }; then
    return 0
  fi

  mkdir -p "$dir"
  local pidfile="$dir/redis.pid" logfile="$dir/redis.log"
  if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null \
     && grep -qa redis "/proc/$(cat "$pidfile")/cmdline" 2>/dev/null; then
    die "the project-local Redis (pid $(cat "$pidfile"), dir $dir) is running but not on $REDIS_HOST:$REDIS_PORT (another port?). Stop it and re-run: kill $(cat "$pidfile")"
  fi
  local bind="$REDIS_HOST"; [[ "$bind" == localhost ]] && bind=127.0.0.1
  if ! "$bin" --daemonize yes --port "$REDIS_PORT" --bind "$bind" --dir "$dir" \
       --appendonly yes --maxmemory-policy noeviction \
       --pidfile "$pidfile" --logfile "$logfile" </dev/null >>"$logfile" 2>&1 9>&-; then
    tail -n 20 "$logfile" >&2 || true
    die "could not start the project-local Redis (dir: $dir, log: $logfile)"
  fi
  wait_for_port "$REDIS_HOST" "$REDIS_PORT" 30 Redis || { tail -n 20 "$logfile" >&2 || true; die "Redis did not come up (log: $logfile)"; }
  log "started project-local Redis on $REDIS_HOST:$REDIS_PORT (data: $dir)"
}

ensure_redis() {
  port_open "$REDIS_HOST" "$REDIS_PORT" && return 0
  is_local_host "$REDIS_HOST" || die "Redis at $REDIS_HOST:$REDIS_PORT (REDIS_URL) is not reachable, and it is not a local address this script could start"
  take_lock
  port_open "$REDIS_HOST" "$REDIS_PORT" && return 0
  if docker_usable; then
    compose_up redis || die "could not start Redis with Docker"
    wait_for_port "$REDIS_HOST" "$REDIS_PORT" 60 "Redis (docker compose)" || die "the redis container did not come up; see: ${COMPOSE[*]} logs redis"
    return 0
  fi
  start_local_redis
}

# ----------------------------------------------------------------- Mailpit ---

# Nice to have for the demo (it shows the e-mails at http://localhost:8025), and
# only possible through Docker; without it, demo.sh starts MailDev instead. The
# tests start their own SMTP server.
ensure_mailpit() {
  local host="${SMTP_HOST:-127.0.0.1}" port="${SMTP_PORT:-1025}"
  is_local_host "$host" || return 0
  port_open "$host" "$port" && return 0
  docker_usable || return 0
  take_lock
  if ! compose_up mailpit; then
    warn "could not start mailpit; e-mails will stay queued until an SMTP server listens on $host:$port"
  fi
}

ensure_postgres
ensure_redis
ensure_mailpit
