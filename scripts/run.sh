#!/usr/bin/env bash
# Runs a command with the project's toolchain on PATH (Node >= 22, pnpm, node_modules/.bin),
# setting the toolchain up first when this checkout does not have it yet.
# Usage: bash scripts/run.sh <command> [args...]
source "$(dirname "$0")/toolchain.sh"
exec "$@"
