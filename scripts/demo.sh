#!/usr/bin/env bash
# `npm run demo`: set up everything (Node 24, pnpm, dependencies, Redis, Elasticsearch), then run
# the pipeline on the bundled sample feeds and leave the gateway up at http://127.0.0.1:3000.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
cd "$AKHBAR_ROOT"
servers_up
exec node scripts/demo.ts
