#!/usr/bin/env bash
# Local Redis without Docker: up | down | status.
#
# up: reuse a server answering at REDIS_URL; otherwise install Debian's redis-server when it is
#     missing and start one bound to 127.0.0.1 with `maxmemory-policy noeviction` (BullMQ must
#     never have its keys evicted) and an append-only file written before each reply
#     (`appendfsync always`: a crash loses nothing Redis acknowledged; README "Reliability").
#     Instant when already up.
# down: stop the server this script started (never one it merely reused).
#
# Variables: REDIS_URL (default redis://127.0.0.1:6379), AKHBAR_CACHE (default <repo>/.cache),
#            REDIS_APPENDFSYNC (default always; everysec trades the guarantee for queue throughput).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${AKHBAR_CACHE:-$root/.cache}
url=${REDIS_URL:-redis://127.0.0.1:6379}
hostport=${url#*://}
hostport=${hostport#*@}
hostport=${hostport%%/*}
host=${hostport%%:*}
port=${hostport##*:}
[ "$port" = "$hostport" ] && port=6379
run="$cache/redis/run-$port"
pidfile="$run/redis.pid"
appendfsync=${REDIS_APPENDFSYNC:-always}
case "$appendfsync" in
  always | everysec | no) ;;
  *) printf '[redis] REDIS_APPENDFSYNC must be always, everysec or no (got "%s")\n' "$appendfsync" >&2; exit 2 ;;
esac

log() { printf '[redis] %s\n' "$*" >&2; }

# PING over bash's /dev/tcp: needs no redis-cli on the machine.
answering() {
  local reply=""
  { exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  IFS= read -r -t 2 reply <&3 || true
  exec 3>&- 3<&- || true
  case "$reply" in +PONG* | -NOAUTH* | -ERR*auth*) return 0 ;; *) return 1 ;; esac
}

ensure_server() {
  command -v redis-server >/dev/null && return 0
  [ -x /usr/bin/redis-server ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "redis-server is not installed; run: sudo apt-get install -y redis-server"
    exit 1
  fi
  log "installing Debian's redis-server"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends redis-server >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null && apt-get install -y --no-install-recommends redis-server >/dev/null; }
  # The package may start a system service on 6379; ours is started below only if nothing answers.
}

cmd_status() {
  if answering; then echo "redis: up at $url"; return 0; fi
  echo "redis: down at $url"
  return 1
}

cmd_up() {
  answering && return 0
  case "$host" in
    127.0.0.1 | localhost) ;;
    *) log "$url does not answer and is not local; start it, or unset REDIS_URL"; exit 1 ;;
  esac
  ensure_server
  # The Debian package may have started its own service on this port just now.
  answering && return 0
  mkdir -p "$run"
  log "starting redis-server on 127.0.0.1:$port"
  "$(command -v redis-server || echo /usr/bin/redis-server)" \
    --bind 127.0.0.1 --port "$port" --daemonize yes --pidfile "$pidfile" --dir "$run" \
    --logfile "$run/redis.log" --maxmemory-policy noeviction --appendonly yes --appendfsync "$appendfsync" \
    --save '' --protected-mode yes
  local i
  for i in $(seq 1 50); do
    answering && return 0
    sleep 0.2
  done
  log "redis did not answer; see $run/redis.log"
  exit 1
}

cmd_down() {
  if [ ! -f "$pidfile" ]; then
    log "no server started by this script on port $port"
    return 0
  fi
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    local i
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -f "$pidfile"
  log "stopped"
}

case "${1:-status}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
