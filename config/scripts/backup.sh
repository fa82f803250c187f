#!/usr/bin/env bash
# `npm run backup [-- DESTINO]`: a full copy of one deployment, restorable with `npm run restore`.
#   1. the database (DATABASE_URL) with pg_dump in custom format (one consistent snapshot; compressed);
#   2. THEN the attachment store (STORAGE_DIR) as a tar: attachments are written to the store before
#      the row that names them commits, so every file a dumped row names is already on disk when the
#      store is copied (files of filings that commit later come along too, harmlessly);
#   3. a manifest (manifiesto.json): when, from where (host and database, never the password), the
#      tools' versions, the rows per table of the cases and the SHA-256 of both files.
# The copy goes to DESTINO/AAAAMMDDTHHMMSSZ/ (default DESTINO: .local/copias). It holds citizens'
# personal data (Ley 29733): keep it encrypted at rest and with the same access rules as the database.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_PREFIX="[backup]"
cd "$REPO_ROOT"

DATABASE_URL="${DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/reclamos}"
STORAGE_DIR="${STORAGE_DIR:-.local/storage}"
# With the attachments in a bucket this script would copy a database whose files it cannot see: say so
# rather than write a copy that looks whole. The bucket has its own tools (README, "Several machines").
[ "${STORAGE_DRIVER:-local}" = "local" ] \
  || die "STORAGE_DRIVER=${STORAGE_DRIVER}: los adjuntos están en el bucket ${S3_BUCKET:-}; copie la base con pg_dump (o las copias del servicio gestionado) y el bucket con versionado y replicación (mc mirror, aws s3 sync). Esta copia cubre la base y un directorio local."
destino_raiz="${1:-.local/copias}"
sello="$(date -u +%Y%m%dT%H%M%SZ)"
destino="$destino_raiz/$sello"
[ -e "$destino" ] && die "ya existe $destino"
mkdir -p "$destino"

base="${DATABASE_URL##*/}"; base="${base%%\?*}"
log "copiando la base $(url_host "$DATABASE_URL"):$(url_port "$DATABASE_URL" 5432)/$base…"
pg_dump --format=custom --no-owner --no-privileges --file="$destino/base.dump" "$DATABASE_URL"

log "copiando los adjuntos de $STORAGE_DIR…"
if [ -d "$STORAGE_DIR" ]; then
  tar -C "$STORAGE_DIR" -cf "$destino/adjuntos.tar" .
else
  warn "no existe $STORAGE_DIR: copia sin adjuntos"
  tar -cf "$destino/adjuntos.tar" -T /dev/null
fi

archivos="$(tar -tf "$destino/adjuntos.tar" | grep -cv '/$' || true)"
filas="$(psql "$DATABASE_URL" -At -c "SELECT json_build_object(
  'reclamo', (SELECT count(*) FROM reclamo), 'reclamo_evento', (SELECT count(*) FROM reclamo_evento),
  'auditoria', (SELECT count(*) FROM auditoria), 'adjunto', (SELECT count(*) FROM adjunto))")"
cat > "$destino/manifiesto.json" <<JSON
{
  "creada": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "origen": { "servidor": "$(url_host "$DATABASE_URL"):$(url_port "$DATABASE_URL" 5432)", "base": "$base", "adjuntos": "$STORAGE_DIR" },
  "herramientas": { "pg_dump": "$(pg_dump --version)" },
  "filas": $filas,
  "archivosAdjuntos": $archivos,
  "sha256": { "base.dump": "$(sha256sum "$destino/base.dump" | cut -d' ' -f1)", "adjuntos.tar": "$(sha256sum "$destino/adjuntos.tar" | cut -d' ' -f1)" }
}
JSON
log "copia lista: $destino ($(du -sh "$destino" | cut -f1); $archivos archivos adjuntos)"
printf '%s\n' "$destino"
