#!/usr/bin/env bash
# The private-cluster harness shared by the demo, the tests and the benchmark.
#
#   scripts/pg-harness.sh install      build codecpg and install it into a private copy of
#                                      the PostgreSQL installation (build/pgroot); the system
#                                      PostgreSQL is not touched and root is not needed
#   scripts/pg-harness.sh start        initdb (if needed) and start a throwaway cluster that
#                                      listens only on a Unix socket in its own directory
#   scripts/pg-harness.sh stop         stop it (add --destroy to remove its directory too)
#   scripts/pg-harness.sh status       say whether it runs
#   scripts/pg-harness.sh env          print the variables that reach it (eval "$(...)"):
#                                      PG*, PATH, and CODECPG_PORT and CODECPG_CLUSTER_DIR
#                                      so that status and stop find it again
#   scripts/pg-harness.sh psql [ARGS]  run psql against it
#   scripts/pg-harness.sh run CMD...   run a command with the PG* variables set
#
# Settings (environment): CODECPG_PORT (default 54329) names the socket and the cluster
# directory; CODECPG_CLUSTER_DIR (default ${TMPDIR:-/tmp}/codecpg-cluster-$CODECPG_PORT);
# CODECPG_PG_CONFIG (default: pg_config on PATH, else /usr/lib/postgresql/15/bin/pg_config);
# CODECPG_SANITIZE=1 installs the AddressSanitizer + UBSan build (make SANITIZE=1), and
# a cluster started over such an install runs with the ASan runtime preloaded.
# CODECPG_PGROOT (default build/pgroot) the private tree that install fills and start runs;
# CODECPG_LISTEN (default none: the Unix socket only) a TCP address for a new cluster to
# listen on as well, for clients that need TCP (JDBC): its TCP connections then need a
# password (scram-sha-256).
# PostgreSQL refuses to run as root: as root the cluster runs as the "postgres" user
# (CODECPG_RUN_AS to choose another).
set -euo pipefail

repo_root=$(cd "$(dirname "$0")/.." && pwd)
port=${CODECPG_PORT:-54329}
cluster_dir=${CODECPG_CLUSTER_DIR:-${TMPDIR:-/tmp}/codecpg-cluster-$port}
pgroot=${CODECPG_PGROOT:-$repo_root/build/pgroot}
pg_config=${CODECPG_PG_CONFIG:-$(command -v pg_config || echo /usr/lib/postgresql/15/bin/pg_config)}
# After eval "$(pg-harness.sh env)" the private tree's bin directory leads PATH, and its
# relocated pg_config describes the private tree: use the installation it was copied from.
case $pg_config in "$pgroot"/*) pg_config=${pg_config#"$pgroot"} ;; esac
data_dir=$cluster_dir/data
log_file=$cluster_dir/postgres.log

die() { echo "pg-harness: $*" >&2; exit 1; }

[ -x "$pg_config" ] || die "pg_config not found (install postgresql-server-dev-15, or set CODECPG_PG_CONFIG)"
sys_bindir=$("$pg_config" --bindir)
sys_pkglibdir=$("$pg_config" --pkglibdir)
sys_sharedir=$("$pg_config" --sharedir)
bindir=$pgroot$sys_bindir

if [ "$(id -u)" = 0 ]; then
    run_as=${CODECPG_RUN_AS:-postgres}
    id "$run_as" >/dev/null 2>&1 || die "user $run_as does not exist; set CODECPG_RUN_AS to a non-root user"
    as_owner() { runuser -u "$run_as" -- "$@"; }
else
    run_as=$(id -un)
    as_owner() { "$@"; }
fi

# A relocated copy of the installation: PostgreSQL finds its share and lib directories
# relative to its own binary, so copied binaries use the private extension directory.
prepare_pgroot() {
    local src
    [ -x "$bindir/postgres" ] && [ "$pgroot/.source" -nt "$sys_bindir/postgres" ] && return 0
    rm -rf "$pgroot"
    mkdir -p "$pgroot$sys_bindir" "$pgroot$sys_pkglibdir" "$pgroot$sys_sharedir/extension"
    cp -a "$sys_bindir/." "$pgroot$sys_bindir/"
    for src in "$sys_pkglibdir"/*; do ln -s "$src" "$pgroot$sys_pkglibdir/"; done
    for src in "$sys_sharedir"/*; do
        [ "$(basename "$src")" = extension ] || ln -s "$src" "$pgroot$sys_sharedir/"
    done
    for src in "$sys_sharedir"/extension/*; do ln -s "$src" "$pgroot$sys_sharedir/extension/"; done
    echo "$sys_bindir" > "$pgroot/.source"
}

sanitize=${CODECPG_SANITIZE:-0}

cmd_install() {
    prepare_pgroot
    make -C "$repo_root" -s PG_CONFIG="$pg_config" SANITIZE="$sanitize"
    # Replace links to any system-installed codecpg files with this build's files.
    rm -f "$pgroot$sys_pkglibdir/codecpg.so" "$pgroot$sys_sharedir"/extension/codecpg*
    make -C "$repo_root" -s PG_CONFIG="$pg_config" SANITIZE="$sanitize" install DESTDIR="$pgroot" >/dev/null
    rm -f "$pgroot/sanitize.env"
    [ "$sanitize" = 1 ] && write_sanitize_env
    if [ "$sanitize" = 1 ]; then
        echo "pg-harness: installed codecpg (sanitized) into $pgroot"
    else
        echo "pg-harness: installed codecpg into $pgroot"
    fi
}

# A sanitized library needs the ASan runtime in the postmaster from the start. Plain
# LD_PRELOAD of libasan hangs postgres at start-up (see scripts/sanitizer/asan_initfirst.c):
# a second preloaded object, linked -z initfirst, starts ASan before any other initializer.
# Leak detection is off: backends end with memory contexts they never free, by design. A
# report ends the backend with exit code 99, which the postmaster treats as a crash (it
# resets shared memory) and logs; the test runner fails on either. Reports of bugs in
# other projects' code (Citus) are suppressed by scripts/sanitizer/asan.supp, each named.
write_sanitize_env() {
    local asan shim=$pgroot/asan_initfirst.so
    asan=$(${CC:-gcc} -print-file-name=libasan.so)
    [ -f "$asan" ] || die "the ASan runtime (libasan.so) was not found; install gcc's libasan"
    ${CC:-gcc} -shared -fPIC -O1 -Wl,-z,initfirst -o "$shim" "$repo_root/scripts/sanitizer/asan_initfirst.c"
    cat >"$pgroot/sanitize.env" <<ENV
LD_PRELOAD=$asan:$shim
ASAN_OPTIONS=detect_leaks=0:exitcode=99:print_summary=1:detect_stack_use_after_return=0:suppressions=$repo_root/scripts/sanitizer/asan.supp
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99
ENV
}

is_running() {
    [ -f "$data_dir/postmaster.pid" ] && as_owner "$bindir/pg_ctl" -D "$data_dir" status >/dev/null 2>&1
}

# The cluster directory holds the socket of a trust-authenticated cluster, and its default
# path in /tmp is predictable: only the run-as user may enter it, and a directory someone
# else planted (or a symlink to one) is refused instead of being chowned or followed.
prepare_cluster_dir() {
    if [ -L "$cluster_dir" ]; then
        die "$cluster_dir is a symbolic link; remove it or set CODECPG_CLUSTER_DIR"
    elif [ -e "$cluster_dir" ]; then
        [ -d "$cluster_dir" ] || die "$cluster_dir exists and is not a directory"
        [ "$(stat -c %U "$cluster_dir")" = "$run_as" ] \
            || die "$cluster_dir is owned by $(stat -c %U "$cluster_dir"), not $run_as; remove it or set CODECPG_CLUSTER_DIR"
        chmod 700 "$cluster_dir"
    else
        install -d -m 700 -o "$run_as" "$cluster_dir"
    fi
}

cmd_start() {
    [ -x "$bindir/postgres" ] || die "run '$0 install' first"
    if is_running; then echo "pg-harness: cluster already running on port $port"; return 0; fi
    prepare_cluster_dir
    if [ ! -f "$data_dir/PG_VERSION" ]; then
        as_owner "$bindir/initdb" -D "$data_dir" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
            -E UTF8 --locale=C.UTF-8 >"$cluster_dir/initdb.log" 2>&1 \
            || { cat "$cluster_dir/initdb.log" >&2; die "initdb failed"; }
        cat >>"$data_dir/postgresql.conf" <<CONF
# codecpg harness: a throwaway cluster on a Unix socket (and CODECPG_LISTEN)
listen_addresses = '${CODECPG_LISTEN:-}'
port = $port
unix_socket_directories = '$cluster_dir'
unix_socket_permissions = 0700
max_connections = 40
shared_buffers = 256MB
work_mem = 64MB
maintenance_work_mem = 256MB
max_wal_size = 4GB
fsync = off
synchronous_commit = off
full_page_writes = off
log_min_messages = warning
CONF
        # Under the sanitizers everything runs several times slower: the parse time limit
        # must not turn a large test source into a timeout row.
        [ -f "$pgroot/sanitize.env" ] && echo "codecpg.ts_timeout_ms = 300000" >>"$data_dir/postgresql.conf"
    fi
    local sanitize_env=()
    [ -f "$pgroot/sanitize.env" ] && mapfile -t sanitize_env <"$pgroot/sanitize.env"
    as_owner env "${sanitize_env[@]}" "$bindir/pg_ctl" -D "$data_dir" -l "$log_file" -w -t 120 start >/dev/null \
        || { tail -n 30 "$log_file" >&2; die "could not start the cluster"; }
    echo "pg-harness: cluster running on port $port (socket in $cluster_dir, as $run_as)"
}

cmd_stop() {
    if is_running; then
        as_owner "$bindir/pg_ctl" -D "$data_dir" -m fast -w stop >/dev/null
        echo "pg-harness: cluster on port $port stopped"
    fi
    if [ "${1:-}" = --destroy ]; then rm -rf "$cluster_dir"; fi
}

cmd_env() {
    cat <<ENV
export CODECPG_PORT='$port'
export CODECPG_CLUSTER_DIR='$cluster_dir'
export CODECPG_PGROOT='$pgroot'
export PGHOST='$cluster_dir'
export PGPORT='$port'
export PGUSER=postgres
export PGDATABASE=\${PGDATABASE:-postgres}
export PATH='$bindir':"\$PATH"
ENV
}

with_env() {
    export PGHOST=$cluster_dir PGPORT=$port PGUSER=postgres
    export PGDATABASE=${PGDATABASE:-postgres}
    export PATH=$bindir:$PATH
    "$@"
}

case "${1:-}" in
    install) cmd_install ;;
    start) cmd_start ;;
    stop) shift; cmd_stop "$@" ;;
    status) if is_running; then echo "running on port $port"; else echo "not running"; exit 3; fi ;;
    env) cmd_env ;;
    psql) shift; with_env psql -X "$@" ;;
    run) shift; with_env "$@" ;;
    *) sed -n '2,/^set /{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
