#!/usr/bin/env bash
# `npm start`: run the four services (Redis and Elasticsearch must be reachable; `npm run infra up`
# starts local ones).
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
cd "$AKHBAR_ROOT"
exec node scripts/start.ts
