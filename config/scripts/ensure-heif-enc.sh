#!/usr/bin/env bash
# Make sure heif-enc (Debian's libheif-examples) exists: the attachment tests encode a real HEIC photo,
# as an iPhone sends it, instead of keeping a binary sample in the repository.
# Idempotent: returns at once when it is already installed.
# Usage: bash config/scripts/ensure-heif-enc.sh
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_PREFIX="[heif-enc]"

command -v heif-enc >/dev/null 2>&1 && exit 0

can_install || die "heif-enc is missing and this script cannot install it (needs root or passwordless sudo, and apt-get).
  Install it yourself: sudo apt-get install -y libheif-examples"

log "installing heif-enc (libheif-examples) with apt-get (one-time)..."
apt_install --no-install-recommends libheif-examples || die "could not install libheif-examples (see the apt-get output above)"
command -v heif-enc >/dev/null 2>&1 || die "apt-get installed libheif-examples but heif-enc is not on the PATH"
