#!/usr/bin/env bash
# `npm run test:chaos`: the reliability suite at full size (faults while ingesting 6,000 items
# with a 60 s Elasticsearch outage, the SSRF matrix and 10,000 mutated feeds, 10,000 random query
# combinations, search load over 100,000 articles). Sets up the toolchain and the local servers
# like `npm test`; faults are injected only into private Redis/Elasticsearch instances the suite
# starts on ports of their own. Ends with the report table (also bench/results/chaos-full.json)
# and one line `N passed, N failed`. Extra arguments go to tap.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
cd "$AKHBAR_ROOT"
# The shared servers (hostile clients use them read-only) and, on a fresh machine, the Redis and
# Elasticsearch installs the private instances run from.
servers_up

export AKHBAR_CHAOS_PROFILE="${AKHBAR_CHAOS_PROFILE:-full}"
rm -f "bench/results/chaos-$AKHBAR_CHAOS_PROFILE-part-"*.json
out="$AKHBAR_CACHE/chaos-output.txt"
mkdir -p "$AKHBAR_CACHE"
started=$(date +%s)
set +e
# One file at a time: each brings up its own private servers and needs the machine's cores.
tap -R tap --no-color --jobs=1 --timeout=2400 --disable-coverage test/chaos/*.test.ts test/chaos/*.chaos.ts "$@" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
set -e
node test/chaos/report.ts "$AKHBAR_CHAOS_PROFILE" "$(( $(date +%s) - started ))" || status=1

totals=$(grep -E '^# \{ total: ' "$out" | tail -n 1)
pass=$(printf '%s' "$totals" | sed -n 's/.*pass: \([0-9]*\).*/\1/p')
fail=$(printf '%s' "$totals" | sed -n 's/.*fail: \([0-9]*\).*/\1/p')
pass=${pass:-0}
fail=${fail:-0}
if [ "$status" -ne 0 ] && [ "$fail" -eq 0 ]; then fail=1; fi
echo "$pass passed, $fail failed"
exit "$status"
