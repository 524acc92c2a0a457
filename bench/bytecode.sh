#!/usr/bin/env bash
# bytecode_extract over the corpus, next to Python doing the same work with its own
# modules (bench/peer_bytecode.py: compile + dis.get_instructions + exception table +
# line starts + blocks/edges into dicts) in the same run, with /usr/bin/python3 (the
# CPython the extension embeds). Sources are read before timing on both sides.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
bench_ensure_corpus
corpus=$CODECPG_BENCH_CORPUS
list=$(mktemp)
trap 'rm -f "$list"' EXIT
bench_psql -At -c "SELECT path FROM bench_corpus ORDER BY path" >"$list"

# Sources in a table (not timed), and in repo_files_v1 for the stored variant.
bench_psql -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS bench_bc_source" \
    -c "CREATE TABLE bench_bc_source AS SELECT path, pg_read_file('$corpus/' || path) AS source FROM bench_corpus" \
    -c "SELECT count(codecpg.put_file('stdlib-bc', path, source)) FROM bench_bc_source" >/dev/null
files=$(bench_psql -At -c "SELECT count(*) FROM bench_bc_source")
bytes=$(bench_psql -At -c "SELECT sum(octet_length(source)) FROM bench_bc_source")

# Warm the backend's interpreter first: the timed statement measures extraction only.
timed_ms() { bench_timed_ms "PERFORM codecpg.bytecode_extract('w', 'w.py', 'pass')" "$1"; }

read -r extract_ms extract_cpu_ms < <(timed_ms "PERFORM f FROM bench_bc_source s CROSS JOIN LATERAL codecpg.bytecode_extract('stdlib', s.path, s.source) f")
bench_psql -c "DELETE FROM codecpg.bytecode_files_v1 WHERE repo = 'stdlib-bc'" >/dev/null
read -r store_ms _ < <(timed_ms "INSERT INTO codecpg.bytecode_files_v1 SELECT f.* FROM codecpg.repo_files_v1 r CROSS JOIN LATERAL codecpg.bytecode_extract(r.repo, r.path, r.source, r.file_sha256) f WHERE r.repo = 'stdlib-bc'")
instructions=$(bench_psql -At -c "SELECT sum((attrs->>'instructions')::bigint) FROM codecpg.bytecode_files_v1 WHERE repo = 'stdlib-bc'")
errors=$(bench_psql -At -c "SELECT coalesce(sum(cardinality(errors)), 0) FROM codecpg.bytecode_files_v1 WHERE repo = 'stdlib-bc'")
read -r unnest_ms _ < <(timed_ms "PERFORM count(*) FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.bc_instructions(f) i WHERE f.repo = 'stdlib-bc'")
storage=$(bench_psql -At -c "SELECT pg_total_relation_size('codecpg.bytecode_files_v1')")

peer_out=$(/usr/bin/python3 "$here/peer_bytecode.py" bench "$corpus" "$list")
peer_s=$(printf '%s\n' "$peer_out" | awk -F'\t' '$1 == "seconds" {print $2}')
peer_cpu_s=$(printf '%s\n' "$peer_out" | awk -F'\t' '$1 == "cpu_seconds" {print $2}')
peer_instr=$(printf '%s\n' "$peer_out" | awk -F'\t' '$1 == "instructions" {print $2}')

rate() { awk -v n="$1" -v ms="$2" 'BEGIN{printf "%.0f", n / (ms / 1000)}'; }
emit "corpus files" "$files" files
emit "corpus bytes" "$bytes" bytes
emit "instructions" "$instructions" instructions
emit "files with error rows" "$errors" errors
emit "bytecode_extract time" "$extract_ms" ms
emit "bytecode_extract files/s" "$(rate "$files" "$extract_ms")" files/s
emit "bytecode_extract instructions/s" "$(rate "$instructions" "$extract_ms")" instr/s
emit "bytecode_extract backend CPU time" "$extract_cpu_ms" ms
emit "extract + insert time" "$store_ms" ms
emit "bc_instructions unnest time" "$unnest_ms" ms
emit "bytecode_files_v1 storage" "$storage" bytes
emit "storage per source byte" "$(awk -v s="$storage" -v b="$bytes" 'BEGIN{printf "%.2f", s / b}')" ratio
emit "python peer instructions" "$peer_instr" instructions
emit "python peer time" "$(awk -v s="$peer_s" 'BEGIN{printf "%.1f", s * 1000}')" ms
emit "python peer files/s" "$(awk -v n="$files" -v s="$peer_s" 'BEGIN{printf "%.0f", n / s}')" files/s
emit "python peer instructions/s" "$(awk -v n="$peer_instr" -v s="$peer_s" 'BEGIN{printf "%.0f", n / s}')" instr/s
emit "python peer CPU time" "$(awk -v s="$peer_cpu_s" 'BEGIN{printf "%.1f", s * 1000}')" ms
emit "speedup over python (wall)" "$(awk -v s="$peer_s" -v ms="$extract_ms" 'BEGIN{printf "%.2f", s * 1000 / ms}')" x
emit "speedup over python (CPU)" "$(awk -v s="$peer_cpu_s" -v ms="$extract_cpu_ms" 'BEGIN{printf "%.2f", s * 1000 / ms}')" x
