#!/usr/bin/env bash
# `npm run bench`: toolchain, local Redis and Elasticsearch (infra/local), then the benchmark.
# Arguments go to bench/run.ts (--quick, --only, --seed, --out).
set -euo pipefail
source "$(dirname "$0")/../scripts/toolchain.sh"
cd "$AKHBAR_ROOT"
servers_up
exec node bench/run.ts "$@"
