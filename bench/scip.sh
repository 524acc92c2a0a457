#!/usr/bin/env bash
# SCIP: decode and load throughput on scip-python's index of a real project.
#
# The project is a set of standard-library packages copied from the corpus
# (CODECPG_BENCH_SCIP_PACKAGES, default "json email asyncio http xml logging importlib
# concurrent urllib"; "all" indexes the whole corpus). scip-python 0.6.6 indexes it
# offline once; the index is kept in build/bench/scip and reused while the package
# list is unchanged. Measured: scip-python's own time (first run only), the C
# reader alone (protobuf and JSON, no database), scip_load of both forms into
# scip_index_v1 with byte spans against the sources, unnesting, and storage.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/.." && pwd)
packages=${CODECPG_BENCH_SCIP_PACKAGES:-json email asyncio http xml logging importlib concurrent urllib}
work=$root/build/bench/scip
project=$work/project
index=$work/index.scip

bash "$root/scripts/install-scip-python.sh" >/dev/null
scip_python=$root/build/node/node_modules/.bin/scip-python
mkdir -p "$work"
if [ ! -s "$index" ] || [ "$(cat "$work/packages" 2>/dev/null)" != "$packages" ]; then
    rm -rf "$project" "$index"
    mkdir -p "$project"
    if [ "$packages" = all ]; then
        (cd "$CODECPG_BENCH_CORPUS" && find . -name '*.py' -type f -print0 | tar --null -cf - -T -) | tar -xf - -C "$project"
    else
        for p in $packages; do
            (cd "$CODECPG_BENCH_CORPUS" && find "$p" -name '*.py' -type f -print0 | tar --null -cf - -T -) \
                | tar -xf - -C "$project"
        done
    fi
    echo '[]' > "$work/env.json"
    t0=$(date +%s.%N)
    (cd "$project" && "$scip_python" index --quiet --project-name bench --project-version 0.1 \
        --environment "$work/env.json" --output "$index" >/dev/null 2>&1)
    t1=$(date +%s.%N)
    echo "$packages" > "$work/packages"
    emit "scip-python index time" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b - a}')" s
fi
node "$root/test/tools/scip_dump.js" --json "$index" > "$work/index.json"
chmod -R a+rX "$work"

files=$(cd "$project" && find . -name '*.py' -type f | wc -l)
src_bytes=$(cd "$project" && find . -name '*.py' -type f -print0 | xargs -0 cat | wc -c)
pb_bytes=$(stat -c %s "$index")
json_bytes=$(stat -c %s "$work/index.json")
emit "project files" "$files" files
emit "project source bytes" "$src_bytes" bytes
emit "index bytes (protobuf)" "$pb_bytes" bytes
emit "index bytes (JSON)" "$json_bytes" bytes

# The reader alone, no database: best of three.
CODECPG_FUZZ_DIR=$work/tools bash "$root/test/fuzz/run.sh" dump --count "$index" >/dev/null
best() { for _ in 1 2 3; do "$work/tools/scip_cdump" "$@"; done | sort -t' ' -k10 -n | head -1; }
read -r _ docs _ occs _ exts _ _ _ pb_ms <<<"$(best --count "$index")"
read -r _ _ _ _ _ _ _ _ _ json_ms <<<"$(best --json --count "$work/index.json")"
emit "documents" "$docs" documents
emit "occurrences" "$occs" occurrences
emit "external symbols" "$exts" symbols
emit "decode protobuf (C reader)" "$(awk -v b="$pb_bytes" -v ms="$pb_ms" 'BEGIN{printf "%.0f", b / 1e6 / (ms / 1000)}')" MB/s
emit "decode protobuf (C reader)" "$(awk -v n="$occs" -v ms="$pb_ms" 'BEGIN{printf "%.0f", n / (ms / 1000)}')" occurrences/s
emit "decode JSON (C reader)" "$(awk -v b="$json_bytes" -v ms="$json_ms" 'BEGIN{printf "%.0f", b / 1e6 / (ms / 1000)}')" MB/s

# The sources, so that every range gets byte offsets.
bench_psql -c "CREATE EXTENSION IF NOT EXISTS codecpg" >/dev/null
(cd "$project" && find . -name '*.py' -type f | sed 's|^\./||' | sort) > "$work/files.txt"
bench_psql -c "DELETE FROM codecpg.repo_files_v1 WHERE repo = 'scip-bench'" \
    -c "CREATE TABLE IF NOT EXISTS bench_scip_files(path text)" -c "TRUNCATE bench_scip_files" \
    -c "\\copy bench_scip_files FROM '$work/files.txt'" >/dev/null
bench_psql -c "SELECT count(codecpg.put_file('scip-bench', path, pg_read_file('$project/' || path))) FROM bench_scip_files" >/dev/null

load() {  # format file index_id
    bench_sql_ms "PERFORM codecpg.scip_load('scip-bench', pg_read_binary_file('$2'), '$1', '$3')"
}
load protobuf "$index" pb >/dev/null   # warm the caches and the catalog
pb_load_ms=$(load protobuf "$index" pb)
json_load_ms=$(load json "$work/index.json" json)
emit "scip_load protobuf" "$pb_load_ms" ms
emit "scip_load protobuf" "$(awk -v b="$pb_bytes" -v ms="$pb_load_ms" 'BEGIN{printf "%.1f", b / 1e6 / (ms / 1000)}')" MB/s
emit "scip_load protobuf" "$(awk -v n="$occs" -v ms="$pb_load_ms" 'BEGIN{printf "%.0f", n / (ms / 1000)}')" occurrences/s
emit "scip_load JSON" "$json_load_ms" ms
emit "scip_load JSON" "$(awk -v b="$json_bytes" -v ms="$json_load_ms" 'BEGIN{printf "%.1f", b / 1e6 / (ms / 1000)}')" MB/s
emit "scip_load JSON" "$(awk -v n="$occs" -v ms="$json_load_ms" 'BEGIN{printf "%.0f", n / (ms / 1000)}')" occurrences/s
unmapped=$(bench_psql -At -c "SELECT (attrs->>'unmapped_ranges') FROM codecpg.scip_index_v1 WHERE repo = 'scip-bench' AND index_id = 'pb' AND part_no = 0")
emit "ranges without byte offsets" "$unmapped" ranges

unnest_ms=$(bench_sql_ms "PERFORM count(*) FROM codecpg.scip_index_v1 i, codecpg.scip_occurrences(i) o WHERE i.repo = 'scip-bench' AND i.index_id = 'pb'")
emit "scip_occurrences unnest" "$(awk -v n="$occs" -v ms="$unnest_ms" 'BEGIN{printf "%.0f", n / (ms / 1000)}')" occurrences/s
# storage of one load, without the rows the reloads left dead
bench_psql -c "DELETE FROM codecpg.scip_index_v1 WHERE repo = 'scip-bench' AND index_id = 'json'" \
    -c "VACUUM FULL codecpg.scip_index_v1" >/dev/null
storage=$(bench_psql -At -c "SELECT pg_total_relation_size('codecpg.scip_index_v1')")
largest=$(bench_psql -At -c "SELECT max(pg_column_size(i.*)) FROM codecpg.scip_index_v1 i WHERE repo = 'scip-bench'")
emit "scip_index_v1 storage" "$storage" bytes
emit "storage per index byte" "$(awk -v s="$storage" -v b="$pb_bytes" 'BEGIN{printf "%.2f", s / b}')" ratio
emit "storage per source byte" "$(awk -v s="$storage" -v b="$src_bytes" 'BEGIN{printf "%.2f", s / b}')" ratio
emit "largest stored part" "$largest" bytes
