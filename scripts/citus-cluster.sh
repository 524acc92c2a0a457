#!/usr/bin/env bash
# A throwaway Citus cluster on this machine: one coordinator and N workers, each a
# private cluster of scripts/pg-harness.sh (Unix socket only, its own directory) with
# Citus preloaded and created in database postgres, the workers registered with the
# coordinator, then codecpg created on the coordinator (Citus creates it on the workers). Nodes reach each other through their socket
# directories, so nothing listens on a network address.
#
#   scripts/citus-cluster.sh start COORD_PORT WORKER_PORT...   build/install Citus (cached), start
#   scripts/citus-cluster.sh stop COORD_PORT WORKER_PORT...    stop and remove the clusters
#   scripts/citus-cluster.sh add-worker COORD_PORT WORKER_PORT start a worker and register it
#
# codecpg must be installed into build/pgroot first (scripts/pg-harness.sh install).
# Afterwards CODECPG_PORT=COORD_PORT scripts/pg-harness.sh psql reaches the coordinator;
# run SELECT codecpg.distribute_tables() there to distribute codecpg's tables.
set -euo pipefail

repo_root=$(cd "$(dirname "$0")/.." && pwd)
harness="bash $repo_root/scripts/pg-harness.sh"
# pg-harness.sh and citus-build.sh need the system's pg_config, also when this runs
# under "pg-harness.sh run", whose PATH finds the relocated copy first.
CODECPG_PG_CONFIG=${CODECPG_PG_CONFIG:-$(bash "$repo_root/scripts/citus-build.sh" --pg-config)}
export CODECPG_PG_CONFIG
die() { echo "citus-cluster: $*" >&2; exit 1; }

socket_dir() { echo "${TMPDIR:-/tmp}/codecpg-cluster-$1"; }
node_psql() { local port=$1; shift; CODECPG_PORT=$port $harness psql -v ON_ERROR_STOP=1 -qAt "$@"; }

# Starts one node: a harness cluster, then Citus in shared_preload_libraries.
start_node() {
    local port=$1 conf
    CODECPG_PORT=$port $harness stop --destroy >/dev/null 2>&1 || true
    CODECPG_PORT=$port $harness start >/dev/null
    conf=$(node_psql "$port" -c 'SHOW config_file')
    cat >>"$conf" <<CONF
# citus-cluster.sh: a node of a throwaway Citus cluster
shared_preload_libraries = 'citus'
max_connections = 100
citus.node_conninfo = 'sslmode=disable'
# how the node reaches itself (shard moves): its socket directory, as it is registered
citus.local_hostname = '$(socket_dir "$port")'
# one shard per worker and core is plenty for tests; production keeps the default (32)
citus.shard_count = ${CODECPG_CITUS_SHARD_COUNT:-8}
max_worker_processes = 16
CONF
    CODECPG_PORT=$port $harness stop >/dev/null
    CODECPG_PORT=$port $harness start >/dev/null
    node_psql "$port" -c 'CREATE EXTENSION citus'
}

add_worker() {
    local coord=$1 port=$2
    node_psql "$coord" -c "SELECT pg_catalog.citus_add_node('$(socket_dir "$port")', $port)" >/dev/null
}

case "${1:-}" in
    start)
        shift
        [ $# -ge 2 ] || die "usage: $0 start COORD_PORT WORKER_PORT..."
        bash "$repo_root/scripts/citus-build.sh"
        coord=$1; shift
        start_node "$coord"
        node_psql "$coord" -c "SELECT pg_catalog.citus_set_coordinator_host('$(socket_dir "$coord")', $coord)" >/dev/null
        for port in "$@"; do
            start_node "$port"
            add_worker "$coord" "$port"
        done
        # Created on the coordinator, the extension is propagated to every worker.
        node_psql "$coord" -c 'CREATE EXTENSION codecpg'
        echo "citus-cluster: coordinator on port $coord, workers on $*"
        ;;
    add-worker)
        [ $# -eq 3 ] || die "usage: $0 add-worker COORD_PORT WORKER_PORT"
        start_node "$3"
        add_worker "$2" "$3"
        echo "citus-cluster: worker on port $3 added"
        ;;
    stop)
        shift
        for port in "$@"; do CODECPG_PORT=$port $harness stop --destroy >/dev/null 2>&1 || true; done
        ;;
    *) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
