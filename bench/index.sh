#!/usr/bin/env bash
# End-to-end indexing of the corpus (the standard library by default): a full index
# with the client (-j 1 and -j 2) and on the server side (codecpg.index_repo), wall
# time, files/s and the per-domain breakdown of each run; then a re-index without
# changes and a re-index after changing one file's content, client and server.
# Extractors taking part: those installed (codecpg.index_domains()), printed first.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_psql -c "CREATE EXTENSION IF NOT EXISTS codecpg" >/dev/null

work=$(mktemp -d /tmp/codecpg-bench-index.XXXXXX)
trap 'rm -rf "$work"' EXIT
# A private copy, so that one file can be changed; readable by the server too.
cp -a "$CODECPG_BENCH_CORPUS" "$work/corpus"
chmod -R a+rX "$work"
corpus=$work/corpus

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", b - a}'; }

emit "domains installed" "$(bench_psql -At -c "SELECT count(*) FROM codecpg.index_domains()")" \
    "$(bench_psql -At -c "SELECT string_agg(domain, ',' ORDER BY domain) FROM codecpg.index_domains()")"

# Per-domain figures and files/s of the last run of a repository.
report() {  # report LABEL REPO SECONDS
    local files
    files=$(bench_psql -At -c "SELECT files_seen FROM codecpg.index_runs WHERE repo = '$2' ORDER BY run_id DESC LIMIT 1")
    emit "$1 wall time" "$3" s
    emit "$1 files/s" "$(awk -v n="$files" -v s="$3" 'BEGIN{printf "%.0f", n / s}')" files/s
    bench_psql -At -F $'\t' -c "SELECT '$1 ' || d.key || ' ms', d.value ->> 'ms', 'ms (summed over connections)'
                                  FROM codecpg.index_runs r, jsonb_each(r.domains) d
                                 WHERE r.run_id = (SELECT max(run_id) FROM codecpg.index_runs WHERE repo = '$2')
                                 ORDER BY d.key"
}

full_client() {  # full_client JOBS REPO [CLIENT OPTION...]
    local jobs=$1 repo=$2 t0 t1
    shift 2
    t0=$(now)
    codecpg index "$corpus" --repo "$repo" -j "$jobs" -q "$@"
    t1=$(now)
    report "client -j $jobs${1:+ $*} full index" "$repo" "$(elapsed "$t0" "$t1")"
}
full_client 1 bench-j1
full_client 2 bench-j2
# Extraction alone: the code property graph's refresh left out (cpg domain absent).
full_client 2 bench-j2-nocpg --no-cpg

t0=$(now)
bench_psql -c "SELECT codecpg.index_repo('bench-server', '$corpus')" >/dev/null
t1=$(now)
report "server full index" bench-server "$(elapsed "$t0" "$t1")"
emit "files indexed" "$(bench_psql -At -c "SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo = 'bench-server'")" files

total_rows=$(bench_psql -At -c "SELECT pg_total_relation_size('codecpg.repo_files_v1')
    + coalesce((SELECT sum(pg_total_relation_size(root_table)) FROM codecpg.index_domains()), 0)")
bytes=$(bench_psql -At -c "SELECT sum(size_bytes) FROM codecpg.repo_files_v1 WHERE repo = 'bench-server'")
emit "storage per source byte (3 repos stored)" "$(awk -v s="$total_rows" -v b="$bytes" 'BEGIN{printf "%.1f", s / (3 * b)}')" ratio

# Re-index without changes: hashing only.
t0=$(now); codecpg index "$corpus" --repo bench-j1 -q; t1=$(now)
emit "client re-index, nothing changed" "$(elapsed "$t0" "$t1")" s
t0=$(now); bench_psql -c "SELECT codecpg.index_repo('bench-server', '$corpus')" >/dev/null; t1=$(now)
emit "server re-index, nothing changed" "$(elapsed "$t0" "$t1")" s

# Change one file's content, then re-index.
printf '\n# changed by bench/index.sh\n' >> "$corpus/json/__init__.py"
t0=$(now); codecpg index "$corpus" --repo bench-j1 -q; t1=$(now)
emit "client one-file re-index" "$(elapsed "$t0" "$t1")" s
t0=$(now); bench_psql -c "SELECT codecpg.index_repo('bench-server', '$corpus')" >/dev/null; t1=$(now)
emit "server one-file re-index" "$(elapsed "$t0" "$t1")" s
t0=$(now); codecpg index "$corpus" --repo bench-j2-nocpg -q --no-cpg; t1=$(now)
emit "client one-file re-index --no-cpg" "$(elapsed "$t0" "$t1")" s
printf '\n# changed by bench/index.sh\n' >> "$corpus/csv.py"
t0=$(now); bench_psql -c "SELECT codecpg.index_repo('bench-server', '$corpus', '{\"cpg\": false}')" >/dev/null; t1=$(now)
emit "server one-file re-index, cpg false" "$(elapsed "$t0" "$t1")" s
emit "one-file re-index changed files" \
    "$(bench_psql -At -c "SELECT string_agg(files_changed::text, ',' ORDER BY run_id) FROM (SELECT run_id, files_changed FROM codecpg.index_runs ORDER BY run_id DESC LIMIT 4) x")" "files (last four runs)"
