#!/usr/bin/env bash
# Fetch an npm package at a pinned version, verify the tarball against a committed
# checksum, and unpack the named members of it into DEST_DIR/PACKAGE-VERSION.
# Usage: scripts/fetch-npm-package.sh PACKAGE VERSION DEST_DIR CHECKSUM_FILE MEMBER...
# (members as in the tarball, e.g. package/src). The tarball is kept in DEST_DIR so
# later builds work offline. Used by fetch-grammar.sh and fetch-tree-sitter.sh.
set -euo pipefail
package=$1
version=$2
dest=$3
sums=$4
shift 4
me="fetch $package"
tarball="$package-$version.tgz"
expected=$(awk -v f="$tarball" '$2 == f {print $1}' "$sums")
if [ -z "$expected" ]; then
    echo "$me: no checksum recorded for $tarball in $sums" >&2
    exit 1
fi
mkdir -p "$dest"
if [ ! -f "$dest/$tarball" ]; then
    command -v npm >/dev/null || { echo "$me: npm is required to fetch $tarball (apt-get install npm)" >&2; exit 1; }
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && npm pack --silent "$package@$version" >/dev/null)
    mv "$tmp/$tarball" "$dest/$tarball"
fi
actual=$(sha256sum "$dest/$tarball" | awk '{print $1}')
if [ "$actual" != "$expected" ]; then
    echo "$me: checksum mismatch for $tarball" >&2
    echo "  expected $expected" >&2
    echo "  actual   $actual" >&2
    rm -f "$dest/$tarball"
    exit 1
fi
out="$dest/$package-$version"
rm -rf "$out"
mkdir -p "$out"
tar -xzf "$dest/$tarball" -C "$out" --strip-components=1 "$@" package/package.json
grep -q '"version": "'"$version"'"' "$out/package.json" || { echo "$me: unexpected package version" >&2; exit 1; }
