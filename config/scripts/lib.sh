#!/usr/bin/env bash
# Shared helpers for the dev/CI scripts in config/scripts. Source it; it defines
# functions only and changes no shell options of the caller.

# Repo root, whatever the caller's working directory is.
REPO_ROOT="${REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

# Prefix for log lines; callers may override before sourcing or later.
LOG_PREFIX="${LOG_PREFIX:-[reclamos]}"

log()  { printf '%s %s\n' "$LOG_PREFIX" "$*" >&2; }
warn() { printf '%s WARNING: %s\n' "$LOG_PREFIX" "$*" >&2; }
die()  { printf '%s ERROR: %s\n' "$LOG_PREFIX" "$*" >&2; exit 1; }

# port_open HOST PORT [TIMEOUT_SECONDS=1] -> 0 if a TCP connection succeeds.
port_open() {
  local host="$1" port="$2" secs="${3:-1}"
  host="${host#[}"; host="${host%]}"
  if command -v timeout >/dev/null 2>&1; then
    timeout "$secs" bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" 2>/dev/null
  else
    bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" 2>/dev/null
  fi
}

# wait_for_port HOST PORT [TIMEOUT_SECONDS=60] [NAME]
wait_for_port() {
  local host="$1" port="$2" secs="${3:-60}" name="${4:-$1:$2}" start=$SECONDS
  until port_open "$host" "$port"; do
    if (( SECONDS - start >= secs )); then
      log "ERROR: $name did not accept connections on $host:$port within ${secs}s"
      return 1
    fi
    sleep 0.5
  done
}

# _url_authority URL -> "host:port" part without scheme and credentials.
_url_authority() {
  local rest="${1#*://}"
  rest="${rest%%/*}"; rest="${rest%%\?*}"; rest="${rest%%#*}"
  printf '%s' "${rest##*@}"
}

# url_host URL -> host (IPv6 without brackets); empty if none.
url_host() {
  local auth; auth="$(_url_authority "$1")"
  if [[ "$auth" == \[* ]]; then
    auth="${auth#[}"; printf '%s' "${auth%%]*}"
  else
    printf '%s' "${auth%%:*}"
  fi
}

# url_port URL [DEFAULT] -> port, or DEFAULT when the URL has none.
url_port() {
  local auth port=""; auth="$(_url_authority "$1")"
  if [[ "$auth" == \[* ]]; then
    [[ "$auth" == *\]:* ]] && port="${auth##*]:}"
  elif [[ "$auth" == *:* ]]; then
    port="${auth##*:}"
  fi
  printf '%s' "${port:-${2:-}}"
}

# is_local_host HOST -> 0 for loopback names/addresses (things we may start).
is_local_host() {
  case "$1" in
    127.*|localhost|::1|0:0:0:0:0:0:0:1|"") return 0 ;;
    *) return 1 ;;
  esac
}

# as_root CMD... -> run CMD with root privileges (directly or via sudo -n).
as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo -n "$@"; fi
}

# can_install -> 0 if we are root or have passwordless sudo, and apt-get exists.
can_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  [[ $(id -u) -eq 0 ]] && return 0
  command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1
}

# apt_install PKG... -> quiet, non-interactive install; runs `apt-get update`
# at most once per process. Output goes to a log shown only on failure.
_APT_UPDATED=0
apt_install() {
  local out; out="$(mktemp)"
  if [[ $_APT_UPDATED -eq 0 ]]; then
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update >"$out" 2>&1; then
      cat "$out" >&2; rm -f "$out"; log "ERROR: apt-get update failed"; return 1
    fi
    _APT_UPDATED=1
  fi
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 \
        install -y -q "$@" >"$out" 2>&1; then
    cat "$out" >&2; rm -f "$out"; log "ERROR: apt-get install $* failed"; return 1
  fi
  rm -f "$out"
}

# url_user URL [DEFAULT] -> user name from the URL's credentials, or DEFAULT.
url_user() {
  local rest="${1#*://}" user=""
  rest="${rest%%/*}"; rest="${rest%%\?*}"
  if [[ "$rest" == *@* ]]; then
    user="${rest%@*}"; user="${user%%:*}"
  fi
  printf '%s' "${user:-${2:-}}"
}
