#!/usr/bin/env bash
# Local Elasticsearch without Docker: up | down | status.
#
# up: reuse a node answering at ELASTICSEARCH_URL; otherwise fetch the official distribution
#     from Maven Central (org.elasticsearch.distribution.integ-test-zip:elasticsearch, zip) into
#     the ignored cache, build and install the akhbar-analysis plugin, and run it as a dedicated
#     non-root user (Elasticsearch refuses root), single node, bound to 127.0.0.1, then wait
#     until the cluster is healthy. Instant when already up (a node this script started is
#     restarted when the plugin's source changed since).
# down: stop the node this script started (never one it merely reused).
#
# Variables: ELASTICSEARCH_URL (default http://127.0.0.1:9200), ES_HEAP (default 1g, at most 1g
# is the intent on 2-core dev machines), ES_JAVA_HOME (a JDK >= 21; found under /usr/lib/jvm when
# unset), AKHBAR_ES_USER (default akhbar-es), AKHBAR_CACHE (default <repo>/.cache).
set -euo pipefail

ES_VERSION=9.5.3
# Maven Central serves no checksum beside this artifact; this is the sha256 of the zip we pinned.
ES_SHA256=bec49f3b8d00e75c8d1cec85c35298635ec9fbd3ae80ef5aeb6bc05abdb3db2d
ES_MAVEN_URL="https://repo1.maven.org/maven2/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip"

root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${AKHBAR_CACHE:-$root/.cache}
url=${ELASTICSEARCH_URL:-http://127.0.0.1:9200}
heap=${ES_HEAP:-1g}
es_user=${AKHBAR_ES_USER:-akhbar-es}
# Elasticsearch runs as its own user, which must reach the distribution and its data. When the
# checkout lives under a directory others cannot enter (e.g. /root), keep them in /var/lib instead.
others_can_enter() {
  local d=$1 mode
  while [ "$d" != "/" ] && [ -n "$d" ]; do
    if [ -e "$d" ]; then
      mode=$(stat -c '%a' "$d")
      [ $(( ${mode: -1} & 1 )) -eq 1 ] || return 1
    fi
    d=$(dirname "$d")
  done
}
if [ -n "${AKHBAR_ES_BASE:-}" ]; then
  base=$AKHBAR_ES_BASE
elif [ "$(id -u)" -eq 0 ] && ! others_can_enter "$cache"; then
  base=/var/lib/akhbar-es
else
  base="$cache/elasticsearch"
fi
home="$base/elasticsearch-$ES_VERSION"
port=$(node -e 'const u=new URL(process.argv[1]); console.log(u.port || (u.protocol==="https:"?443:80))' "$url" 2>/dev/null || echo 9200)
run="$base/run-$port"
pidfile="$run/es.pid"

log() { printf '[elasticsearch] %s\n' "$*" >&2; }

healthy() {
  local body
  body=$(curl -fsS --max-time 3 "$url/_cluster/health" 2>/dev/null) || return 1
  case "$body" in *'"status":"green"'* | *'"status":"yellow"'*) return 0 ;; *) return 1 ;; esac
}

answering() { curl -sS --max-time 3 -o /dev/null "$url/_cluster/health" 2>/dev/null; }

find_java() {
  if [ -n "${ES_JAVA_HOME:-}" ]; then echo "$ES_JAVA_HOME"; return; fi
  local d v
  for d in /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/temurin-[3-9][0-9]* /usr/lib/jvm/java-2[1-9]-* /usr/lib/jvm/*; do
    [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ] || continue
    v=$("$d/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
    if [ "${v:-0}" -ge 21 ]; then echo "$d"; return; fi
  done
  return 1
}

ensure_user() {
  if [ "$(id -u)" -ne 0 ]; then es_user=$(id -un); return; fi
  id "$es_user" >/dev/null 2>&1 ||
    useradd --system --no-create-home --home-dir "$base" --shell /usr/sbin/nologin "$es_user"
}

as_es() {
  if [ "$(id -un)" = "$es_user" ]; then bash -c "$1"; else su -s /bin/bash "$es_user" -c "$1"; fi
}

ensure_distribution() {
  mkdir -p "$base"
  local zip="$base/elasticsearch-$ES_VERSION.zip"
  if [ ! -f "$home/.akhbar-complete" ]; then
    if [ ! -f "$zip" ] || ! echo "$ES_SHA256  $zip" | sha256sum -c --quiet - 2>/dev/null; then
      log "downloading Elasticsearch $ES_VERSION from Maven Central"
      curl -fSL --retry 3 -o "$zip.part" "$ES_MAVEN_URL"
      echo "$ES_SHA256  $zip.part" | sha256sum -c --quiet - || { log "checksum mismatch for $ES_MAVEN_URL"; exit 1; }
      mv "$zip.part" "$zip"
    fi
    rm -rf "$home"
    (cd "$base" && "$java_home/bin/jar" xf "$zip")
    chmod +x "$home"/bin/* "$home"/lib/platform/*/bin/* 2>/dev/null || true
    touch "$home/.akhbar-complete"
  fi
  # The analysis plugin is rebuilt when its source changes.
  local src_sum
  src_sum=$(plugin_sum)
  if [ "$(cat "$home/.akhbar-analysis.sum" 2>/dev/null)" != "$src_sum" ]; then
    log "building and installing the akhbar-analysis plugin"
    ES_JAVA_HOME="$java_home" bash "$root/infra/elasticsearch/akhbar-analysis/build.sh" "$home" "$base/akhbar-analysis.zip" >/dev/null
    ES_JAVA_HOME="$java_home" "$home/bin/elasticsearch-plugin" remove --purge akhbar-analysis >/dev/null 2>&1 || true
    ES_JAVA_HOME="$java_home" "$home/bin/elasticsearch-plugin" install --batch "file://$base/akhbar-analysis.zip" >/dev/null 2>&1 ||
      { ES_JAVA_HOME="$java_home" "$home/bin/elasticsearch-plugin" install --batch "file://$base/akhbar-analysis.zip"; exit 1; }
    echo "$src_sum" >"$home/.akhbar-analysis.sum"
  fi
}

cmd_status() {
  if healthy; then
    local plugin="missing"
    curl -fsS --max-time 3 "$url/_cat/plugins?h=component" 2>/dev/null | grep -q akhbar-analysis && plugin="installed"
    echo "elasticsearch: up at $url (akhbar-analysis plugin $plugin)"
    return 0
  fi
  echo "elasticsearch: down at $url"
  return 1
}

plugin_sum() { cat "$root"/infra/elasticsearch/akhbar-analysis/src/org/akhbar/analysis/*.java | cksum; }

cmd_up() {
  if healthy; then
    # A node this checkout started keeps the plugin it was started with: when the plugin's source
    # has changed since (a pull, an edit), restart it so the new analysis is what gets tested.
    if [ -f "$pidfile" ] && [ "$(cat "$home/.akhbar-analysis.sum" 2>/dev/null)" != "$(plugin_sum)" ]; then
      log "the akhbar-analysis plugin changed since this node started; restarting it"
      cmd_down
    else
      return 0
    fi
  fi
  if answering; then
    log "a node answers at $url but is not healthy yet; waiting"
  else
    case "$url" in
      http://127.0.0.1:* | http://localhost:* | http://127.0.0.1 | http://localhost) ;;
      *) log "$url does not answer and is not local; start it, or unset ELASTICSEARCH_URL"; exit 1 ;;
    esac
    java_home=$(find_java) || { log "no JDK >= 21 found; set ES_JAVA_HOME"; exit 1; }
    ensure_user
    ensure_distribution
    mkdir -p "$run/data" "$run/logs" "$run/config"
    cp -r "$home/config/." "$run/config/"
    cat >"$run/config/elasticsearch.yml" <<YML
cluster.name: akhbar-local
node.name: akhbar-local-$port
discovery.type: single-node
network.host: 127.0.0.1
http.port: $port
transport.port: $((port + 100))
path.data: $run/data
path.logs: $run/logs
xpack.security.enabled: false
action.destructive_requires_name: false
cluster.routing.allocation.disk.threshold_enabled: false
YML
    printf -- '-Xms%s\n-Xmx%s\n' "$heap" "$heap" >"$run/config/jvm.options.d/heap.options"
    # The ES user must reach the distribution (read) and own its run directory (write).
    chmod o+rx "$cache" "$base" 2>/dev/null || true
    [ "$(id -u)" -eq 0 ] && chown -R "$es_user" "$run"
    chmod -R o+rX "$home"
    log "starting Elasticsearch $ES_VERSION on $url (heap $heap, JDK $java_home, user $es_user)"
    as_es "ES_JAVA_HOME='$java_home' ES_PATH_CONF='$run/config' '$home/bin/elasticsearch' -d -p '$pidfile' -s >'$run/logs/stdout.log' 2>&1" ||
      { log "failed to start; see $run/logs"; tail -n 40 "$run/logs/stdout.log" >&2 || true; exit 1; }
  fi
  local i
  for i in $(seq 1 180); do
    if healthy; then log "healthy"; return 0; fi
    sleep 1
  done
  log "not healthy after 180 s; see $run/logs"
  exit 1
}

cmd_down() {
  if [ ! -f "$pidfile" ]; then
    log "no node started by this script on port $port"
    return 0
  fi
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    local i
    for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
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
