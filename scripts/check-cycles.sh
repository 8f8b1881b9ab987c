#!/bin/sh
# Fails on any import cycle among the modules that run, in every workspace (madge; its settings
# are in .madgerc). Type-only imports are left out: they are erased before anything runs (see
# docs/architecture.md, "Import cycles"). An import madge cannot resolve fails the check too,
# since a missed edge could hide a cycle.
# Usage: sh scripts/check-cycles.sh   (npm test runs it)
set -eu
cd "$(dirname "$0")/.."
status=0
out=$(node_modules/.bin/madge --circular --warning --no-spinner apps packages e2e bench scripts 2>&1) ||
  status=$?
printf '%s\n' "$out"
case "$out" in
*Skipped*)
  echo "harbormaster: madge could not resolve the imports above; fix them so no cycle hides" >&2
  exit 1
  ;;
esac
exit "$status"
