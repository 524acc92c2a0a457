#!/usr/bin/env bash
# Fetch the tree-sitter C runtime from the npm package `tree-sitter` at a pinned version,
# verify the tarball against scripts/tree-sitter.sha256, and unpack only the runtime's
# C sources (vendor/tree-sitter/lib), which the extension compiles in. The package's
# Node.js binding and prebuilt binaries are not unpacked.
# Usage: scripts/fetch-tree-sitter.sh VERSION DEST_DIR
# The tarball is kept in DEST_DIR so later builds work offline.
set -euo pipefail
version=$1
dest=$2
here=$(cd "$(dirname "$0")" && pwd)
tarball="tree-sitter-$version.tgz"
expected=$(awk -v f="$tarball" '$2 == f {print $1}' "$here/tree-sitter.sha256")
if [ -z "$expected" ]; then
    echo "fetch-tree-sitter: no checksum recorded for $tarball in scripts/tree-sitter.sha256" >&2
    exit 1
fi
mkdir -p "$dest"
if [ ! -f "$dest/$tarball" ]; then
    command -v npm >/dev/null || { echo "fetch-tree-sitter: npm is required to fetch $tarball (apt-get install npm)" >&2; exit 1; }
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && npm pack --silent "tree-sitter@$version" >/dev/null)
    mv "$tmp/$tarball" "$dest/$tarball"
fi
actual=$(sha256sum "$dest/$tarball" | awk '{print $1}')
if [ "$actual" != "$expected" ]; then
    echo "fetch-tree-sitter: checksum mismatch for $tarball" >&2
    echo "  expected $expected" >&2
    echo "  actual   $actual" >&2
    rm -f "$dest/$tarball"
    exit 1
fi
out="$dest/tree-sitter-$version"
rm -rf "$out"
mkdir -p "$out"
tar -xzf "$dest/$tarball" -C "$out" --strip-components=1 package/vendor/tree-sitter/lib package/LICENSE package/package.json
grep -q '"version": "'"$version"'"' "$out/package.json" || { echo "fetch-tree-sitter: unexpected package version" >&2; exit 1; }
[ -f "$out/vendor/tree-sitter/lib/src/lib.c" ] || { echo "fetch-tree-sitter: $tarball ships no C runtime" >&2; exit 1; }
touch "$out/vendor/tree-sitter/lib/src/lib.c"
