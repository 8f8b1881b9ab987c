#!/bin/sh
# Sets up what is missing and serves Harbormaster on http://localhost:8080 against the local
# engine: Node.js 24, npm dependencies, the engine (Debian's docker.io, started when nothing
# answers on the socket), the web build. Data lives in ./data (HARBORMASTER_DATA_DIR).
set -eu
cd "$(dirname "$0")/.."
. scripts/lib/node24.sh

SOCKET=${DOCKER_HOST:-unix:///var/run/docker.sock}
SOCKET_PATH=${SOCKET#unix://}
DATA_DIR=${HARBORMASTER_DATA_DIR:-./data}
mkdir -p "$DATA_DIR"

engine_answers() {
  [ -S "$SOCKET_PATH" ] && curl -fsS --max-time 3 --unix-socket "$SOCKET_PATH" http://docker/_ping >/dev/null 2>&1
}

if [ "${SOCKET#unix://}" != "$SOCKET" ] && ! engine_answers; then
  if ! command -v dockerd >/dev/null 2>&1; then
    echo "harbormaster: no engine answers on $SOCKET; installing Debian's docker.io"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io curl >/dev/null
  fi
  echo "harbormaster: starting dockerd (log: $DATA_DIR/dockerd.log)"
  nohup dockerd -H "$SOCKET" >"$DATA_DIR/dockerd.log" 2>&1 &
  tries=0
  until engine_answers; do
    tries=$((tries + 1))
    [ "$tries" -gt 60 ] && { echo "harbormaster: dockerd did not start; see $DATA_DIR/dockerd.log" >&2; exit 1; }
    sleep 0.5
  done
fi

hm_use_node24
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "harbormaster: installing npm dependencies"
  npm ci --no-fund --no-audit
fi
echo "harbormaster: building the web app and the server"
npm run build --silent -w @harbormaster/web >/dev/null
npm run build --silent -w @harbormaster/server >/dev/null

echo "harbormaster: serving on http://localhost:${HARBORMASTER_PORT:-8080}"
# The bundled server, as the image runs it: it starts faster and uses less memory than the
# TypeScript sources run directly (docs/architecture.md, "Running bundled").
exec sh apps/server/serve.sh apps/server/dist/main.mjs
