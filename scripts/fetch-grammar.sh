#!/usr/bin/env bash
# Fetch the tree-sitter-python grammar from npm at a pinned version, verify the
# tarball against scripts/grammar.sha256, and unpack its generated parser sources.
# Usage: scripts/fetch-grammar.sh VERSION DEST_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/fetch-npm-package.sh" tree-sitter-python "$1" "$2" "$here/grammar.sha256" package/src package/LICENSE
touch "$2/tree-sitter-python-$1/src/parser.c" "$2/tree-sitter-python-$1/src/scanner.c"
