#!/usr/bin/env bash
# Make sure a system Chromium exists at /usr/bin/chromium for the browser tests
# (playwright-core drives it; no browser download from the network).
# Idempotent: returns at once when it is already installed.
# Usage: bash config/scripts/ensure-chromium.sh
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_PREFIX="[chromium]"

CHROMIUM=/usr/bin/chromium
[[ -x "$CHROMIUM" ]] && exit 0

can_install || die "Chromium is missing ($CHROMIUM) and this script cannot install it (needs root or passwordless sudo, and apt-get).
  Install it yourself: sudo apt-get install -y chromium fonts-liberation"

log "installing Chromium with apt-get (one-time)..."
# No Recommends: headless Chromium needs none of them and they triple the size.
apt_install --no-install-recommends chromium fonts-liberation || die "could not install Chromium (see the apt-get output above)"
[[ -x "$CHROMIUM" ]] || die "apt-get installed chromium but $CHROMIUM is missing; on Ubuntu the 'chromium' package is a snap stub: install Chromium from another source and link it to $CHROMIUM"
