#!/usr/bin/env bash
# Build Citus from the vendored source and install it into the harness's private
# PostgreSQL tree (build/pgroot), never into the system PostgreSQL.
#
#   scripts/citus-build.sh            build (or reuse the cached build) and install
#   scripts/citus-build.sh --print    print the cache directory of the build and exit
#   scripts/citus-build.sh --pg-config  print the pg_config it builds against and exit
#
# The build is cached outside the clone, keyed by the tarball's SHA-256 and the
# PostgreSQL version it was built against, so every clone and CI run on one machine
# reuses it: ${XDG_CACHE_HOME:-$HOME/.cache}/codecpg/citus-<sha256>-pg<version>/.
# Settings (environment): CODECPG_CITUS_TARBALL (default: ../shared/vendor/citus-13.2.2.tar.gz
# beside the clone, else /work/shared/vendor/...), CODECPG_PG_CONFIG as for pg-harness.sh.
# Fails (non-zero) when Citus cannot be built: a missing build is never skipped.
set -euo pipefail

repo_root=$(cd "$(dirname "$0")/.." && pwd)
die() { echo "citus-build: $*" >&2; exit 1; }

tarball=${CODECPG_CITUS_TARBALL:-}
if [ -z "$tarball" ]; then
    for candidate in "$repo_root/../shared/vendor/citus-13.2.2.tar.gz" /work/shared/vendor/citus-13.2.2.tar.gz; do
        [ -f "$candidate" ] && { tarball=$candidate; break; }
    done
fi
[ -n "$tarball" ] && [ -f "$tarball" ] || die "the Citus source tarball was not found (set CODECPG_CITUS_TARBALL)"

# The system's pg_config, not the relocated copy in build/pgroot that a PATH set up by
# pg-harness.sh (run, env) finds first: that one reports paths inside build/pgroot.
system_pg_config() {
    local dir
    IFS=: read -r -a dirs <<<"$PATH"
    for dir in "${dirs[@]}"; do
        case "$dir" in "$repo_root/build/pgroot"*) continue ;; esac
        [ -x "$dir/pg_config" ] && { echo "$dir/pg_config"; return; }
    done
    echo /usr/lib/postgresql/15/bin/pg_config
}
pg_config=${CODECPG_PG_CONFIG:-$(system_pg_config)}
[ -x "$pg_config" ] || die "pg_config not found (install postgresql-server-dev-15)"
pg_version=$("$pg_config" --version | awk '{print $2}')
sha=$(sha256sum "$tarball" | awk '{print $1}')
cache_root=${XDG_CACHE_HOME:-$HOME/.cache}/codecpg
cache=$cache_root/citus-$sha-pg$pg_version
stage=$cache/stage
pkglibdir=$("$pg_config" --pkglibdir)
sharedir=$("$pg_config" --sharedir)

case "${1:-}" in
    --print) echo "$cache"; exit 0 ;;
    --pg-config) echo "$pg_config"; exit 0 ;;
esac

mkdir -p "$cache_root"
# One build per machine at a time: a concurrent CI run or test waits for it.
exec 9>"$cache_root/citus.lock"
flock 9

if [ ! -f "$cache/complete" ]; then
    rm -rf "$cache"
    mkdir -p "$cache/src"
    echo "citus-build: building Citus from $(basename "$tarball") against PostgreSQL $pg_version (cache $cache)"
    tar -xzf "$tarball" -C "$cache/src" --strip-components=1
    # Debian's PostgreSQL 15 headers (15.20 on) declare have_createdb_privilege(), which
    # Citus 13.2.2 also defines as a static inline: rename Citus's copy so both coexist.
    compat=$cache/src/src/include/pg_version_compat.h
    grep -q '^have_createdb_privilege(void)$' "$compat" || die "unexpected $compat: no have_createdb_privilege definition to rename"
    sed -i '/^have_createdb_privilege(void)$/i #define have_createdb_privilege citus_have_createdb_privilege' "$compat"
    (
        cd "$cache/src"
        ./configure PG_CONFIG="$pg_config" --without-libcurl >"$cache/configure.log" 2>&1 \
            || { tail -n 30 "$cache/configure.log" >&2; exit 1; }
        # with_llvm=no: no JIT bitcode, which would double the build time for nothing here.
        nice -n 10 make -j2 with_llvm=no >"$cache/make.log" 2>&1 \
            || { grep -E 'error|Error' "$cache/make.log" | head -n 30 >&2; exit 1; }
        make with_llvm=no install DESTDIR="$stage" >"$cache/install.log" 2>&1 \
            || { tail -n 30 "$cache/install.log" >&2; exit 1; }
    ) || die "building Citus failed (logs in $cache)"
    [ -f "$stage$pkglibdir/citus.so" ] || die "the Citus build produced no citus.so"
    rm -rf "$cache/src"
    touch "$cache/complete"
fi

# Install into the private tree prepared by pg-harness.sh install.
pgroot=$repo_root/build/pgroot
[ -d "$pgroot$pkglibdir" ] || die "run 'scripts/pg-harness.sh install' first"
for f in "$stage$pkglibdir"/*; do
    rm -rf "$pgroot$pkglibdir/$(basename "$f")"
    cp -a "$f" "$pgroot$pkglibdir/"
done
for f in "$stage$sharedir"/extension/*; do
    rm -f "$pgroot$sharedir/extension/$(basename "$f")"
    cp -a "$f" "$pgroot$sharedir/extension/"
done
echo "citus-build: Citus $(sed -n "s/^default_version = '\(.*\)'/\1/p" "$stage$sharedir/extension/citus.control") installed into $pgroot"
