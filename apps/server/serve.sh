#!/bin/sh
# Runs the bundled server (`npm run build -w @harbormaster/server`) as production runs it: the
# image's CMD, `npm start` and the benchmarks all come through here, so they measure one thing.
# Usage: sh apps/server/serve.sh <path to main.mjs>
#
# Memory settings, measured in docs/benchmarks.md (a warm model of 1,000 containers, idle):
# - glibc keeps freed memory (engine responses, JSON) in its arenas unless told to trim:
#   fewer arenas and a low trim threshold give it back to the system;
# - V8's young generation grows to 16 MB semi-spaces the idle server does not need;
# - --optimize-for-size and no optimising compilers (--no-opt --no-maglev --no-sparkplug: JS
#   runs in the interpreter) favour memory over peak speed: the dashboard waits on the engine;
#   measured with --lite-mode, the server's CPU did not change (stats fan-out 4.2 % vs 3.9 % of a
#   core) while idle RSS fell by 6 MB. Not --lite-mode itself: it implies --jitless, which takes
#   WebAssembly away, and Node's fetch and undici parse HTTP with WebAssembly ("WebAssembly is
#   not defined": no webhook delivered, no registry checked). serve-flags.test.ts holds to that.
# The glibc settings can be overridden from the environment (README, Configuration).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-131072}"
exec node --max-semi-space-size=2 --optimize-for-size --no-opt --no-maglev --no-sparkplug "${1:?usage: serve.sh <main.mjs>}"
