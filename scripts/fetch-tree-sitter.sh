#!/usr/bin/env bash
# Fetch the tree-sitter C runtime from the npm package `tree-sitter` at a pinned version,
# verify the tarball against scripts/tree-sitter.sha256, and unpack only the runtime's
# C sources (vendor/tree-sitter/lib), which the extension compiles in. The package's
# Node.js binding and prebuilt binaries are not unpacked.
# Usage: scripts/fetch-tree-sitter.sh VERSION DEST_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/fetch-npm-package.sh" tree-sitter "$1" "$2" "$here/tree-sitter.sha256" package/vendor/tree-sitter/lib package/LICENSE
lib="$2/tree-sitter-$1/vendor/tree-sitter/lib/src/lib.c"
[ -f "$lib" ] || { echo "fetch-tree-sitter: tree-sitter $1 ships no C runtime" >&2; exit 1; }
touch "$lib"
