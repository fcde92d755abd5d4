#!/usr/bin/env bash
# Redis and Elasticsearch for local runs, tests and the demo: up | down | status.
# Each reuses a server already answering at REDIS_URL / ELASTICSEARCH_URL.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
action=${1:-status}
case "$action" in
  up | down) bash "$here/redis.sh" "$action" && bash "$here/elasticsearch.sh" "$action" ;;
  status) rc=0; bash "$here/redis.sh" status || rc=1; bash "$here/elasticsearch.sh" status || rc=1; exit $rc ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
