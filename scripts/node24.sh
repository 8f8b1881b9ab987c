#!/bin/sh
# Runs `node "$@"` on Node.js 24, installing it first when the node on PATH is older.
set -e
. "$(dirname "$0")/lib/node24.sh"
hm_use_node24
exec node "$@"
