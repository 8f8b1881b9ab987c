#!/bin/sh
# Runs every check and test: format, lint, import cycles, types, the suites against a real engine, then a
# smoke run of the benchmarks (it fails when a scenario errors, not when a target is missed).
# Usage: npm test   (as root: the suites start a private dockerd in its own network namespace)
set -eu
cd "$(dirname "$0")/.."
. scripts/lib/node24.sh
hm_use_node24

if [ ! -d node_modules ]; then
  echo "harbormaster: installing npm dependencies (npm ci)"
  npm ci --no-fund --no-audit
fi
for tool in dockerd docker-compose docker-registry busybox openssl ip nsenter unshare chromium podman ssh-keygen /usr/sbin/sshd; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "harbormaster: '$tool' is missing; run 'bash .ci/run' once (it installs the OS packages)" >&2
    exit 1
  }
done

step() { printf '\n== %s\n' "$1"; }
bin=node_modules/.bin

step "format (prettier --check)"
"$bin/prettier" --check --log-level warn .
step "lint (eslint)"
"$bin/eslint" --max-warnings 0 .
step "CSS Module types (typed-css-modules: each *.module.css.d.ts matches its sheet; npm run css-types)"
"$bin/tcm" --listDifferent --pattern 'apps/web/src/**/*.module.css' .
step "citations (engine facts are cited from docs/engine.md, never from outside the repository)"
node scripts/check-engine-citations.ts
step "import cycles (madge, the modules that run)"
sh scripts/check-cycles.sh
step "types (tsc)"
"$bin/tsc" -p tsconfig.json
[ -f apps/web/tsconfig.json ] && "$bin/tsc" -p apps/web/tsconfig.json
step "tests (vitest: the fast tier, and the engine tier against a private dockerd)"
"$bin/vitest" run
step "browser journeys (e2e: Chromium, real server and engine)"
"$bin/vitest" run --config e2e/vitest.config.ts
step "benchmark smoke (bench/run.ts --smoke: every scenario runs at tiny sizes; targets are not checked)"
node bench/run.ts --smoke
