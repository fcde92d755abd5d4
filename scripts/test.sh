#!/usr/bin/env bash
# The test command (`npm test`): sets up the toolchain, brings up real Redis and Elasticsearch
# (infra/local), then runs every test with tap. Typecheck and lint run as tests too
# (test/static.test.ts), so they count in the totals. Extra arguments go to tap
# (e.g. `npm test -- packages/feeds`).
# Ends with one line `N passed, N failed` (tap's totals) and exits non-zero on any failure.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
cd "$AKHBAR_ROOT"
servers_up
# The web UI's browser tests drive Debian's chromium; without it they fail and say why.
bash scripts/chromium.sh || echo '[test] chromium is unavailable: the web UI tests will fail' >&2

mkdir -p "$AKHBAR_CACHE"
out=$(mktemp "$AKHBAR_CACHE/test-output.XXXXXX")
trap 'rm -f "$out"' EXIT
set +e
tap -R base --no-color "$@" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
set -e

# tap prints its totals as `# { total: T, pass: P, fail: F, ... }` (fail omitted when zero).
totals=$(grep -a -E '^# \{ total: ' "$out" | tail -n 1)
pass=$(printf '%s' "$totals" | sed -n 's/.*pass: \([0-9]*\).*/\1/p')
fail=$(printf '%s' "$totals" | sed -n 's/.*fail: \([0-9]*\).*/\1/p')
pass=${pass:-0}
fail=${fail:-0}
if [ "$status" -ne 0 ] && [ "$fail" -eq 0 ]; then fail=1; fi
echo "$pass passed, $fail failed" | tee "$AKHBAR_CACHE/test-summary.txt"
exit "$status"
