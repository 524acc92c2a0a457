#!/usr/bin/env bash
# The benchmark: one entry point for every domain.
#
#   bench/run.sh [PART...]     run bench/<part>.sh for each part (default: all parts)
#
# It installs codecpg into the private tree, starts a dedicated cluster (port 54340 by
# default), snapshots the machine's standard library (/usr/lib/python3.11, override
# with CODECPG_BENCH_CORPUS) into repo 'stdlib', and runs each part. Parts print
# "metric<TAB>value<TAB>unit" lines; the report collects them in
# build/bench/results.tsv and prints a table.
set -euo pipefail
repo_root=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo_root"
export CODECPG_PORT=${CODECPG_BENCH_PORT:-54340}
export CODECPG_BENCH_CORPUS=${CODECPG_BENCH_CORPUS:-/usr/lib/python3.11}
harness="bash scripts/pg-harness.sh"

$harness install >/dev/null
$harness stop --destroy >/dev/null 2>&1 || true
$harness start >/dev/null
trap '$harness stop --destroy >/dev/null 2>&1 || true' EXIT

mkdir -p build/bench
results=build/bench/results.tsv
: >"$results"

if [ $# -gt 0 ]; then
    parts=("$@")
else
    parts=()
    for f in bench/*.sh; do
        name=$(basename "$f" .sh)
        case "$name" in run|lib) ;; *) parts+=("$name") ;; esac
    done
fi

for part in "${parts[@]}"; do
    echo "== $part"
    $harness run bash "bench/$part.sh" | while IFS=$'\t' read -r metric value unit; do
        printf '%s\t%s\t%s\t%s\n' "$part" "$metric" "$value" "$unit" >>"$results"
        printf '  %-48s %14s %s\n' "$metric" "$value" "$unit"
    done
done
echo "results: $results"
