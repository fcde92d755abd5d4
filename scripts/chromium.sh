#!/usr/bin/env bash
# Debian's Chromium, for the web UI's browser tests (services/gateway/test/web*.test.ts), which
# drive it with playwright-core. Playwright's own browser builds are never downloaded (they come
# from a CDN, not a package registry). Idempotent: does nothing once /usr/bin/chromium exists.
# DejaVu fonts carry Arabic glyphs, so screenshots show the Arabic UI as a reader sees it.
set -eu

log() { printf '[setup] %s\n' "$*" >&2; }

[ -x /usr/bin/chromium ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo="sudo"
  else
    log "chromium is not installed; run: sudo apt-get install -y chromium fonts-dejavu-core"
    exit 1
  fi
fi
log "installing Debian's chromium for the browser tests"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y --no-install-recommends chromium fonts-dejavu-core >/dev/null 2>&1 ||
  { $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y --no-install-recommends chromium fonts-dejavu-core >/dev/null; }
[ -x /usr/bin/chromium ] || { log "chromium did not install"; exit 1; }
