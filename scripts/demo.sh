#!/usr/bin/env bash
# `npm run demo`: set up everything (Node 24, pnpm, dependencies, Redis, Elasticsearch), then run
# the pipeline on the bundled sample feeds and leave the gateway up at http://127.0.0.1:3000.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
cd "$AKHBAR_ROOT"
servers_up
# The demo's index holds only sample articles: bring it to the current template (a changed
# analyzer, say) so its searches behave as the README says; nothing is done when it is current.
node bin/akhbar.mjs index migrate --if-outdated --delete-old
exec node scripts/demo.ts
