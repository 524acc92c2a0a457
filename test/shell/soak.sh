#!/usr/bin/env bash
# Soak: SOAK_RUNS index runs (default 160, sized for CI) of small generated projects
# (test/soak/gen_project.py: every construct of the call graph's categories, and hostile
# files and links in about a third of them), from two sessions at once, each run on a new
# connection, alternating the server (index_repo) and the client (-j 1, -j 2), with
# projects re-indexed after a change. Passes when no backend crashed (server log: no
# "terminated by signal", "server process", PANIC or sanitizer report; the postmaster was
# not restarted), every run succeeded (a deadlock or lock timeout is retried and counted),
# and schema_check() is empty. A long run: SOAK_RUNS=4000 SOAK_PROJECTS=200.
set -euo pipefail
source "$(dirname "$0")/index_lib.bash"
ix_setup codecpg_soak

runs=${SOAK_RUNS:-160}
projects=${SOAK_PROJECTS:-40}
log=${SOAK_SERVER_LOG:-$PGHOST/postgres.log}
[ -f "$log" ] || fail "server log $log not found (set SOAK_SERVER_LOG)"
log_from=$(($(stat -c %s "$log") + 1))
started=$(q "SELECT pg_postmaster_start_time()")

mkdir -p "$ix_work/outside"
echo 'SECRET = "must never be stored"' > "$ix_work/outside/secret.py"
for ((p = 0; p < projects; p++)); do
    python3 "$ix_root/test/soak/gen_project.py" "$p" "$ix_work/p$p" "$ix_work/outside"
done
chmod -R a+rX "$ix_work"

# One run: project and mode follow from the run number, so a run can be replayed.
one_run() {  # one_run WORKER RUN
    local w=$1 i=$2 p mode repo dir out rc tries=0
    p=$(( (i * 7919) % projects ))
    dir=$ix_work/p$p
    repo="soak_p$p"
    mode=$(( i % 3 ))
    # Every fifth run changes a module first: the re-index is incremental.
    if [ $(( i % 5 )) = 0 ]; then
        printf '\ndef changed_%d():\n    return %d\n' "$i" "$i" >> "$(ls "$dir"/pkg*/mod0.py | head -n 1)"
    fi
    while :; do
        set +e
        case $mode in
            0) out=$(psql -X -q -At -v ON_ERROR_STOP=1 \
                     -c "SELECT codecpg.index_repo('$repo', '$dir', '{\"wait\": true}')" 2>&1) ;;
            1) out=$(ix_client index "$dir" --repo "$repo" --wait -q 2>&1) ;;
            2) out=$(ix_client index "$dir" --repo "$repo" --wait -q -j 2 2>&1) ;;
        esac
        rc=$?
        set -e
        [ $rc = 0 ] && return 0
        if grep -qiE 'deadlock detected|lock timeout|could not serialize' <<<"$out" && [ $tries -lt 3 ]; then
            tries=$((tries + 1))
            echo "retry $w/$i: $out" >> "$ix_work/retries"
            continue
        fi
        echo "run $i (worker $w, mode $mode, $repo) failed: $out" >> "$ix_work/failures"
        return 0
    done
}

worker() {  # worker W: runs W, W+2, W+4, ...
    for ((i = $1; i < runs; i += 2)); do one_run "$1" "$i"; done
}

t0=$(date +%s)
worker 0 & w0=$!
worker 1 & w1=$!
wait $w0
wait $w1
t1=$(date +%s)

crashes=$(tail -c +"$log_from" "$log" | grep -E 'terminated by signal|server process .* (exited|was terminated)|PANIC|TRAP:|AddressSanitizer|LeakSanitizer|runtime error:|terminating any other active server processes' || true)
[ -z "$crashes" ] || { echo "$crashes" | head -n 40 >&2; fail "the server log shows a crash or a sanitizer report"; }
expect_eq "postmaster not restarted" "$started" "$(q "SELECT pg_postmaster_start_time()")"
[ ! -s "$ix_work/failures" ] || { head -n 20 "$ix_work/failures" >&2; fail "$(wc -l < "$ix_work/failures") index runs failed"; }
expect_eq "every run recorded as succeeded" "$runs" \
    "$(q "SELECT count(*) FROM codecpg.index_runs WHERE status = 'succeeded' AND repo LIKE 'soak_p%'")"
expect_eq "nothing from outside the roots stored" "0" \
    "$(q "SELECT count(*) FROM codecpg.repo_files_v1 WHERE source LIKE '%must never be stored%'")"
expect_eq "schema_check" "" "$(q "SELECT string_agg(object_name || ': ' || problem, '; ') FROM codecpg.schema_check()")"
echo "ok: soak: $runs index runs of $projects projects from 2 sessions in $((t1 - t0)) s," \
     "$(cat "$ix_work/retries" 2>/dev/null | wc -l) retried after a deadlock or lock timeout," \
     "$(q "SELECT count(*) FROM codecpg.index_errors e JOIN codecpg.index_runs r USING (run_id) WHERE r.repo LIKE 'soak_p%'") per-file problems recorded, no crash"
