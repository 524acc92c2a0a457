#!/usr/bin/env bash
# Installs the pinned scip-python indexer into build/node (never committed).
# Idempotent: once the pinned version is present, nothing touches the network,
# so CI and tests can call it unconditionally.
set -euo pipefail
VERSION=0.6.6
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=${CODECPG_NODE_DIR:-$ROOT/build/node}
PKG=$DEST/node_modules/@sourcegraph/scip-python/package.json

if [ -f "$PKG" ] && grep -q "\"version\": \"$VERSION\"" "$PKG"; then
    echo "scip-python $VERSION already installed in $DEST"
    exit 0
fi
command -v npm >/dev/null || { echo "npm not found: apt-get install npm" >&2; exit 1; }
mkdir -p "$DEST"
[ -f "$DEST/package.json" ] || echo '{"name":"codecpg-node-tools","private":true}' > "$DEST/package.json"
npm install --prefix "$DEST" --no-audit --no-fund --save-exact "@sourcegraph/scip-python@$VERSION"
echo "scip-python installed: $DEST/node_modules/.bin/scip-python"
