#!/usr/bin/env bash
# `npm run setup`: toolchain (Node 24, pnpm, dependencies) and local Redis + Elasticsearch.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
servers_up
bash "$AKHBAR_ROOT/infra/local/infra.sh" status
