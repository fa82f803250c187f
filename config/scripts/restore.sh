#!/usr/bin/env bash
# `npm run restore -- COPIA [--entidad ID]…`: restores a copy made by `npm run backup` into the database
# named by DATABASE_URL and the attachment directory STORAGE_DIR, then verifies it:
#   - both files match the manifest's SHA-256 (a damaged copy stops here, before anything is written);
#   - the database must not exist yet or be empty, and the directory must be empty: a restore never
#     mixes with live data;
#   - after pg_restore and untar: every entity's audit hash chain verifies, and every attachment row's
#     file is in the store with the size and SHA-256 recorded at filing (`npm run copia:verificar`;
#     with --entidad, only those entities' chains and attachments).
# Exit code 0 only when the copy is restored and verified.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_PREFIX="[restore]"
cd "$REPO_ROOT"

copia="${1:?uso: npm run restore -- COPIA [--entidad ID]…}"
shift
DATABASE_URL="${DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/reclamos}"
STORAGE_DIR="${STORAGE_DIR:-.local/storage}"
[ -f "$copia/manifiesto.json" ] || die "$copia no es una copia (falta manifiesto.json)"

for f in base.dump adjuntos.tar; do
  esperado="$(node -e 'console.log(require(process.argv[1]).sha256[process.argv[2]])' "$(cd "$copia" && pwd)/manifiesto.json" "$f")"
  real="$(sha256sum "$copia/$f" | cut -d' ' -f1)"
  [ "$esperado" = "$real" ] || die "$f no coincide con el manifiesto (SHA-256 $real, esperado $esperado)"
done

node config/scripts/ensure-database.js "$DATABASE_URL"
tablas="$(psql "$DATABASE_URL" -At -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
[ "$tablas" = "0" ] || die "la base de destino ya tiene $tablas tablas: restaure en una base nueva"
mkdir -p "$STORAGE_DIR"
[ -z "$(ls -A "$STORAGE_DIR")" ] || die "el directorio de adjuntos $STORAGE_DIR no está vacío"

log "restaurando la base…"
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$copia/base.dump"
log "restaurando los adjuntos en $STORAGE_DIR…"
tar -C "$STORAGE_DIR" -xf "$copia/adjuntos.tar"

log "verificando…"
DATABASE_URL="$DATABASE_URL" STORAGE_DIR="$STORAGE_DIR" NODE_ENV="${NODE_ENV:-development}" \
  npx ts-node -r tsconfig-paths/register --transpile-only libs/expediente/src/copias/verificar-copia.cli.ts "$@"
