#!/usr/bin/env bash
# Fetch the tree-sitter-python grammar from npm at a pinned version, verify the
# tarball against the recorded checksum, and unpack its generated parser sources.
# Usage: scripts/fetch-grammar.sh VERSION DEST_DIR
# The tarball is kept in DEST_DIR so later builds work offline.
set -euo pipefail
version=$1
dest=$2
here=$(cd "$(dirname "$0")" && pwd)
tarball="tree-sitter-python-$version.tgz"
expected=$(awk -v f="$tarball" '$2 == f {print $1}' "$here/grammar.sha256")
if [ -z "$expected" ]; then
    echo "fetch-grammar: no checksum recorded for $tarball in scripts/grammar.sha256" >&2
    exit 1
fi
mkdir -p "$dest"
if [ ! -f "$dest/$tarball" ]; then
    command -v npm >/dev/null || { echo "fetch-grammar: npm is required to fetch $tarball (apt-get install npm)" >&2; exit 1; }
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && npm pack --silent "tree-sitter-python@$version" >/dev/null)
    mv "$tmp/$tarball" "$dest/$tarball"
fi
actual=$(sha256sum "$dest/$tarball" | awk '{print $1}')
if [ "$actual" != "$expected" ]; then
    echo "fetch-grammar: checksum mismatch for $tarball" >&2
    echo "  expected $expected" >&2
    echo "  actual   $actual" >&2
    rm -f "$dest/$tarball"
    exit 1
fi
out="$dest/tree-sitter-python-$version"
rm -rf "$out"
mkdir -p "$out"
tar -xzf "$dest/$tarball" -C "$out" --strip-components=1 package/src package/LICENSE package/package.json
grep -q '"version": "'"$version"'"' "$out/package.json" || { echo "fetch-grammar: unexpected package version" >&2; exit 1; }
touch "$out/src/parser.c" "$out/src/scanner.c"
