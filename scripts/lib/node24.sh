# Sourced by the project's scripts: puts a Node.js >= 24 first on PATH.
# The machines ship Node 20 (end of life); Node 24 LTS comes from the npm registry's `node`
# package, which carries the real binary, so no other download is needed.
HM_NODE_MAJOR=24
HM_NODE_DIR=${HARBORMASTER_NODE_DIR:-/opt/node24}

hm_node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

hm_use_node24() {
  if [ "$(hm_node_major)" -ge "$HM_NODE_MAJOR" ]; then return 0; fi
  if [ ! -x "$HM_NODE_DIR/bin/node" ]; then
    echo "harbormaster: installing Node.js $HM_NODE_MAJOR into $HM_NODE_DIR (the node on PATH is older)" >&2
    npm install --global --no-fund --no-audit --prefix "$HM_NODE_DIR" "node@$HM_NODE_MAJOR" >&2 || {
      echo "harbormaster: could not install Node.js $HM_NODE_MAJOR from the npm registry" >&2
      return 1
    }
  fi
  PATH="$HM_NODE_DIR/bin:$PATH"
  export PATH
  if [ "$(hm_node_major)" -lt "$HM_NODE_MAJOR" ]; then
    echo "harbormaster: $HM_NODE_DIR/bin/node is not Node.js $HM_NODE_MAJOR" >&2
    return 1
  fi
}
