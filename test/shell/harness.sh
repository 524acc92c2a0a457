#!/usr/bin/env bash
# scripts/pg-harness.sh in a shell where "eval $(pg-harness.sh env)" was run, as the README
# suggests: the private tree's pg_config then leads PATH, and status and stop must still
# find the cluster. A second throwaway cluster (its own directory) is started, stopped
# and destroyed through such a shell; the test suite's cluster is only asked its status.
set -euo pipefail
repo_root=$(cd "$(dirname "$0")/../.." && pwd)
harness="$repo_root/scripts/pg-harness.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }

port=${CODECPG_PORT:?run through scripts/test.sh}
spare_port=$((port + 2))
spare_dir=${TMPDIR:-/tmp}/codecpg-harness-test-$spare_port
trap 'CODECPG_PORT=$spare_port CODECPG_CLUSTER_DIR=$spare_dir bash "$harness" stop --destroy >/dev/null 2>&1 || true' EXIT

# The suite's cluster, from a shell that evaluated its env (the port given to env only).
out=$(cd / && env -u CODECPG_PORT -u CODECPG_CLUSTER_DIR -u CODECPG_PGROOT bash -c '
        eval "$(CODECPG_PORT=$2 bash "$1" env)"
        command -v pg_config
        bash "$1" status' _ "$harness" "$port") || true
case $out in
    */build/pgroot/*pg_config*"running on port $port") echo "ok: status after eval env (the private tree's pg_config leads PATH)" ;;
    *) fail "status after eval env said: $out" ;;
esac

# A spare cluster: start it, then stop it from a shell that only evaluated its env.
CODECPG_PORT=$spare_port CODECPG_CLUSTER_DIR=$spare_dir bash "$harness" start >/dev/null
out=$(cd / && env -u CODECPG_PORT -u CODECPG_CLUSTER_DIR -u CODECPG_PGROOT bash -c '
        eval "$(CODECPG_PORT=$2 CODECPG_CLUSTER_DIR=$3 bash "$1" env)"
        psql -X -At -c "SELECT current_setting('"'"'port'"'"')"
        bash "$1" stop
        bash "$1" status || echo "status exit $?"' _ "$harness" "$spare_port" "$spare_dir") || true
expected="$spare_port
pg-harness: cluster on port $spare_port stopped
not running
status exit 3"
[ "$out" = "$expected" ] || fail "stop after eval env: expected [$expected], got [$out]"
[ ! -e "$spare_dir/data/postmaster.pid" ] || fail "the spare cluster still has a postmaster.pid after stop"
echo "ok: psql, stop and status after eval env"
