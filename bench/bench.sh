#!/usr/bin/env bash
# `npm run bench`: toolchain, local Redis and Elasticsearch (infra/local), then the benchmark.
# Arguments go to bench/run.ts (--quick, --only, --seed, --out).
set -euo pipefail
source "$(dirname "$0")/../scripts/toolchain.sh"
cd "$AKHBAR_ROOT"
PATH="$AKHBAR_ROOT/node_modules/.bin:$PATH"
export PATH
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export ELASTICSEARCH_URL="${ELASTICSEARCH_URL:-http://127.0.0.1:9200}"
bash infra/local/infra.sh up
exec node bench/run.ts "$@"
