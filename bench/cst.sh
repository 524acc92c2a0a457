#!/usr/bin/env bash
# tree-sitter and CST extraction over the corpus: the bare tree-sitter parse (the floor),
# ts_extract, cst_extract, both in one query (they share one parse per row), storage of
# the two root tables, the fourteen unnesting functions, peak backend memory, and a
# cross-check of def/call/import counts against CPython's ast (the peer baseline).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_ensure_corpus

# The sources: a snapshot another part stored, else one made here from bench_corpus.
repo=$(bench_psql -At -c "SELECT r FROM (VALUES (1, 'stdlib'), (2, 'stdlib-snapshot')) v(o, r)
                           WHERE EXISTS (SELECT 1 FROM codecpg.repo_files_v1 WHERE repo = v.r) ORDER BY o LIMIT 1")
if [ -z "$repo" ]; then
    repo=stdlib-snapshot
    bench_psql -c "SELECT count(codecpg.put_file('$repo', path, pg_read_file('$CODECPG_BENCH_CORPUS/' || path))) FROM bench_corpus" >/dev/null
fi
src="codecpg.repo_files_v1 WHERE repo = '$repo'"
files=$(bench_psql -At -c "SELECT count(*) FROM $src")
bytes=$(bench_psql -At -c "SELECT sum(size_bytes) FROM $src")

rate() { awk -v n="$1" -v ms="$2" 'BEGIN{printf "%.0f", n / (ms / 1000)}'; }
mbps() { awk -v b="$1" -v ms="$2" 'BEGIN{printf "%.2f", b / 1e6 / (ms / 1000)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a / b}'; }

emit "corpus files" "$files" files
emit "corpus bytes" "$bytes" bytes

# Each stage runs in a fresh backend (no per-backend cache carries over) and is timed
# twice: wall time measured by the server, and the CPU time the backend consumed
# (/proc/<pid>/stat utime + stime), which other load on the machine does not inflate.
tick_ms=$(awk -v hz="$(getconf CLK_TCK)" 'BEGIN{print 1000 / hz}')
bench_cpu_ms() {
    bench_psql -At <<SQL | awk -v t="$tick_ms" '$1 == "cpu" {v[++n] = $2} END {printf "%.0f", (v[2] - v[1]) * t}'
SELECT pg_backend_pid() AS pid \gset
\setenv BACKEND_PID :pid
\! awk '{print "cpu", \$14 + \$15}' /proc/\$BACKEND_PID/stat
$1 \g /dev/null
\! awk '{print "cpu", \$14 + \$15}' /proc/\$BACKEND_PID/stat
SQL
}
declare -A stage=(
    [parse]="SELECT count(*) FROM $src AND codecpg.ts_parse_ms(source) >= 0"
    [ts]="SELECT count(*) FROM $src AND codecpg.ts_extract(repo, path, source) IS NOT NULL"
    [cst]="SELECT count(*) FROM $src AND codecpg.cst_extract(repo, path, source) IS NOT NULL"
    [both]="SELECT count(*) FROM $src AND codecpg.ts_extract(repo, path, source) IS NOT NULL AND codecpg.cst_extract(repo, path, source) IS NOT NULL"
)
declare -A label=(
    [parse]="bare parse (ts_parse_ms)" [ts]="ts_extract" [cst]="cst_extract"
    [both]="ts_extract + cst_extract, one query"
)
declare -A wall cpu
for s in parse ts cst both; do
    wall[$s]=$(bench_sql_ms "PERFORM ${stage[$s]#SELECT }")
    cpu[$s]=$(bench_cpu_ms "${stage[$s]}")
    emit "${label[$s]} wall" "${wall[$s]}" ms
    emit "${label[$s]} cpu" "${cpu[$s]}" ms
done
emit "bare parse, sum of parse times inside" \
    "$(bench_psql -At -c "SELECT round(sum(codecpg.ts_parse_ms(source))::numeric, 1) FROM $src")" ms
sep_wall=$(awk -v a="${wall[ts]}" -v b="${wall[cst]}" 'BEGIN{print a + b}')
sep_cpu=$(awk -v a="${cpu[ts]}" -v b="${cpu[cst]}" 'BEGIN{print a + b}')
emit "both / bare parse, one query (cpu)" "$(ratio "${cpu[both]}" "${cpu[parse]}")" ratio
emit "both / bare parse, one query (wall)" "$(ratio "${wall[both]}" "${wall[parse]}")" ratio
emit "both / bare parse, separate queries (cpu)" "$(ratio "$sep_cpu" "${cpu[parse]}")" ratio
emit "both / bare parse, separate queries (wall)" "$(ratio "$sep_wall" "${wall[parse]}")" ratio
emit "ts_extract files/s (cpu)" "$(rate "$files" "${cpu[ts]}")" files/s
emit "ts_extract MB/s (cpu)" "$(mbps "$bytes" "${cpu[ts]}")" MB/s
emit "cst_extract files/s (cpu)" "$(rate "$files" "${cpu[cst]}")" files/s
emit "cst_extract MB/s (cpu)" "$(mbps "$bytes" "${cpu[cst]}")" MB/s
emit "both, one query, files/s (cpu)" "$(rate "$files" "${cpu[both]}")" files/s
emit "both, one query, MB/s (cpu)" "$(mbps "$bytes" "${cpu[both]}")" MB/s
emit "both, one query, files/s (wall)" "$(rate "$files" "${wall[both]}")" files/s
emit "both, one query, MB/s (wall)" "$(mbps "$bytes" "${wall[both]}")" MB/s

# Peak memory of one backend that extracts every file with both extractors: psql reads
# /proc/<backend>/status itself (the bench runs as root) before the session ends.
# VmHWM counts the shared buffers the backend touched (they stay mapped, RssShmem at
# the end); the difference is the backend's own peak.
mem=$(bench_psql -At <<SQL | awk '$1 == "VmHWM:" {h = $2} $1 == "RssShmem:" {s = $2} END {print h, s}'
SELECT pg_backend_pid() AS pid \gset
\setenv BACKEND_PID :pid
${stage[both]} \g /dev/null
\! grep -E '^(VmHWM|RssShmem):' /proc/\$BACKEND_PID/status
SQL
)
read -r hwm shmem <<<"$mem"
emit "peak backend memory (VmHWM, both extractors)" "$hwm" kB
emit "shared buffers mapped by it (RssShmem)" "$shmem" kB
emit "peak private memory (VmHWM - RssShmem)" "$((hwm - shmem))" kB

# Storage: the two root tables for the whole corpus.
bench_psql -c "DELETE FROM codecpg.tree_sitter_files_v1 WHERE repo = '$repo'" \
           -c "DELETE FROM codecpg.libcst_files_v1 WHERE repo = '$repo'" >/dev/null
store_ts_ms=$(bench_sql_ms "INSERT INTO codecpg.tree_sitter_files_v1 SELECT (x).* FROM (SELECT codecpg.ts_extract(repo, path, source) AS x FROM $src) s")
store_cst_ms=$(bench_sql_ms "INSERT INTO codecpg.libcst_files_v1 SELECT (x).* FROM (SELECT codecpg.cst_extract(repo, path, source) AS x FROM $src) s")
emit "store tree_sitter_files_v1 (extract + insert)" "$store_ts_ms" ms
emit "store libcst_files_v1 (extract + insert)" "$store_cst_ms" ms
for t in tree_sitter_files_v1 libcst_files_v1; do
    size=$(bench_psql -At -c "VACUUM ANALYZE codecpg.$t" -c "SELECT pg_total_relation_size('codecpg.$t')")
    emit "$t storage" "$size" bytes
    emit "$t storage per source byte" "$(ratio "$size" "$bytes")" ratio
done

# Every unnesting function over every stored file: row counts.
while IFS='|' read -r fn n; do
    emit "rows $fn" "$n" rows
done < <(bench_psql -At -F '|' <<SQL
SELECT 'ts_nodes', count(*) FROM codecpg.tree_sitter_files_v1 f, codecpg.ts_nodes(f) WHERE f.repo = '$repo'
UNION ALL SELECT 'ts_edges', count(*) FROM codecpg.tree_sitter_files_v1 f, codecpg.ts_edges(f) WHERE f.repo = '$repo'
UNION ALL SELECT 'ts_errors', count(*) FROM codecpg.tree_sitter_files_v1 f, codecpg.ts_errors(f) WHERE f.repo = '$repo'
UNION ALL SELECT 'ts_missing', count(*) FROM codecpg.tree_sitter_files_v1 f, codecpg.ts_missing(f) WHERE f.repo = '$repo'
UNION ALL SELECT 'cst_parse_manifest', count(*) FROM codecpg.libcst_files_v1 f, codecpg.cst_parse_manifest(f) WHERE f.repo = '$repo'
UNION ALL SELECT 'cst_parse_errors', count(*) FROM codecpg.libcst_files_v1 f, codecpg.cst_parse_errors(f) WHERE f.repo = '$repo'
UNION ALL SELECT 'cst_refs', count(*) FROM codecpg.libcst_files_v1 f, codecpg.cst_refs(f) WHERE f.repo = '$repo'
UNION ALL SELECT 'cst_imports', count(*) FROM codecpg.libcst_files_v1 f, codecpg.cst_imports(f) WHERE f.repo = '$repo'
UNION ALL SELECT 'cst_callsites', count(*) FROM codecpg.libcst_files_v1 f, codecpg.cst_callsites(f) WHERE f.repo = '$repo'
UNION ALL SELECT 'cst_defs', count(*) FROM codecpg.libcst_files_v1 f, codecpg.cst_defs(f) WHERE f.repo = '$repo'
UNION ALL SELECT 'cst_type_exprs', count(*) FROM codecpg.libcst_files_v1 f, codecpg.cst_type_exprs(f) WHERE f.repo = '$repo'
UNION ALL SELECT 'cst_docstrings', count(*) FROM codecpg.libcst_files_v1 f, codecpg.cst_docstrings(f) WHERE f.repo = '$repo'
UNION ALL SELECT 'cst_decorators', count(*) FROM codecpg.libcst_files_v1 f, codecpg.cst_decorators(f) WHERE f.repo = '$repo'
UNION ALL SELECT 'cst_call_args', count(*) FROM codecpg.libcst_files_v1 f, codecpg.cst_call_args(f) WHERE f.repo = '$repo'
SQL
)
emit "files with tree-sitter ERROR/MISSING nodes" \
    "$(bench_psql -At -c "SELECT count(*) FROM codecpg.tree_sitter_files_v1 WHERE repo = '$repo' AND ((stats).error_count > 0 OR (stats).missing_count > 0)")" files
emit "files timed out" \
    "$(bench_psql -At -c "SELECT count(*) FROM codecpg.tree_sitter_files_v1 WHERE repo = '$repo' AND (stats).parse_timed_out")" files

# Spans are exact on the whole corpus: the bytes of every ref, def name, callee and
# tree-sitter identifier spell its text.
mismatches=$(bench_psql -At <<SQL
WITH f AS (SELECT r.path, convert_to(r.source, 'UTF8') AS b, c, t
             FROM codecpg.repo_files_v1 r
             JOIN codecpg.libcst_files_v1 c USING (repo, file_id)
             JOIN codecpg.tree_sitter_files_v1 t USING (repo, file_id)
            WHERE r.repo = '$repo')
SELECT (SELECT count(*) FROM f, codecpg.cst_refs(f.c) x
         WHERE x.ref_text <> convert_from(substring(f.b FROM x.bstart + 1 FOR x.bend - x.bstart), 'UTF8'))
     + (SELECT count(*) FROM f, codecpg.cst_defs(f.c) x
         WHERE x.name <> convert_from(substring(f.b FROM x.name_bstart + 1 FOR x.name_bend - x.name_bstart), 'UTF8'))
     + (SELECT count(*) FROM f, codecpg.cst_callsites(f.c) x
         WHERE x.callee_text <> convert_from(substring(f.b FROM x.callee_bstart + 1 FOR x.callee_bend - x.callee_bstart), 'UTF8'))
     + (SELECT count(*) FROM f, codecpg.ts_nodes(f.t) x
         WHERE NOT x.is_named AND NOT x.is_missing
           AND x.kind <> convert_from(substring(f.b FROM x.bstart + 1 FOR x.bend - x.bstart), 'UTF8'))
SQL
)
emit "span mismatches (refs, def names, callees, anonymous tokens)" "$mismatches" rows

# Peer baseline: the same counts from CPython's ast over the same files.
if [ -x /usr/bin/python3 ]; then
    counts=$(bench_psql -At -c "SELECT path FROM $src ORDER BY path" | (cd "$CODECPG_BENCH_CORPUS" && /usr/bin/python3 -c '
import ast, sys
calls = defs = aliases = 0
for path in sys.stdin.read().split():
    tree = ast.parse(open(path, "rb").read())
    for node in ast.walk(tree):
        calls += isinstance(node, ast.Call)
        defs += isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))
        aliases += len(node.names) if isinstance(node, (ast.Import, ast.ImportFrom)) else 0
print(calls, defs, aliases)'))
    read -r ast_calls ast_defs ast_aliases <<<"$counts"
    emit "cpython ast calls" "$ast_calls" calls
    emit "cpython ast defs (class, def, async def, lambda)" "$ast_defs" defs
    emit "cpython ast import aliases" "$ast_aliases" aliases
fi
