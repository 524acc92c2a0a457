#!/usr/bin/env bash
# Concurrency and failure: a second run of a repository fails clearly (or waits with
# --wait / "wait": true) while another is in progress, runs of other repositories
# proceed, a run whose session died is marked abandoned, and a cancelled run -- client
# -j 1, client -j 2 (a worker cancelled), server side -- leaves the previous complete
# state intact with the failure in the run records.
set -euo pipefail
source "$(dirname "$0")/index_lib.bash"
ix_setup codecpg_ix_concurrency
big=${CODECPG_TEST_BIG_TREE:-/usr/lib/python3.11}

proj=$ix_work/proj
ix_copy_project "$proj"

wait_for() {  # wait_for SQL-condition (up to 30 s)
    for _ in $(seq 300); do
        [ "$(q "SELECT ($1)::text")" = true ] && return 0
        sleep 0.1
    done
    fail "timed out waiting for: $1"
}

# Cancels the active backends the SQL condition selects until the process exits: a
# backend between two statements is not running anything a cancel could stop. The
# client's own clean-up (ROLLBACK, index_fail) is left alone.
cancel_until_exit() {  # cancel_until_exit PID SQL-condition-on-pg_stat_activity
    for _ in $(seq 600); do
        kill -0 "$1" 2>/dev/null || return 0
        q "SELECT count(pg_cancel_backend(pid)) FROM pg_stat_activity WHERE state = 'active' AND ($2)
             AND query NOT LIKE '%index_fail%' AND query NOT LIKE 'ROLLBACK%'" >/dev/null
        sleep 0.05
    done
    fail "process $1 did not stop after cancellation"
}

# ---- another session holds the run of repository "locked"
psql -X -q -c "SELECT codecpg.index_begin('locked', 'client', '/elsewhere', '{}')" -c "SELECT pg_sleep(4)" >/dev/null &
holder=$!
wait_for "EXISTS (SELECT 1 FROM codecpg.index_runs WHERE repo = 'locked' AND status = 'running')"

set +e
ix_client index "$proj" --repo locked 2>"$ix_work/err.txt"; rc=$?
set -e
expect_eq "second client run fails" 1 "$rc"
grep -q 'another index run of repository "locked" is in progress' "$ix_work/err.txt" || fail "message: $(cat "$ix_work/err.txt")"
expect_eq "server run fails with SQLSTATE 55P03" "1" \
    "$(psql -X -c '\set VERBOSITY verbose' -c "SELECT codecpg.index_repo('locked', '$proj')" 2>&1 \
         | grep -c 'ERROR:  55P03: another index run of repository "locked" is in progress')"
ix_index j1 other "$proj"
expect_eq "another repository proceeds meanwhile" "succeeded" \
    "$(q "SELECT status FROM codecpg.index_runs WHERE repo = 'other'")"
expect_eq "the holder is still running" "running" \
    "$(q "SELECT status FROM codecpg.index_runs WHERE repo = 'locked'")"

# --wait queues behind the holder; the holder's session ends without finishing
ix_client index "$proj" --repo locked --wait -q
wait "$holder"
expect_eq "waiting run succeeded after the holder" "abandoned succeeded" \
    "$(q "SELECT string_agg(status, ' ' ORDER BY run_id) FROM codecpg.index_runs WHERE repo = 'locked'")"
expect_eq "server-side wait option" "t" \
    "$(q "SELECT status = 'succeeded' FROM codecpg.index_repo('locked', '$proj', '{\"wait\": true}')")"

# ---- cancellation leaves the previous complete state
ix_index server cancel "$big/json"
state() {
    q "SELECT md5(string_agg(path || file_sha256, ',' ORDER BY path)) || ' ' || domain_rows('cancel')
         FROM codecpg.repo_files_v1 WHERE repo = 'cancel'"
}
prior=$(state)
runs_before=$(q "SELECT count(*) FROM codecpg.index_runs WHERE repo = 'cancel'")

# client -j 1: cancel the coordinating backend while it extracts
ix_client index "$big" --repo cancel -q 2>"$ix_work/err.txt" &
client=$!
wait_for "EXISTS (SELECT 1 FROM pg_stat_activity a JOIN codecpg.index_runs r ON r.backend_pid = a.pid
                   WHERE r.repo = 'cancel' AND r.status = 'running' AND a.query LIKE '%index_extract%')"
cancel_until_exit "$client" "pid IN (SELECT backend_pid FROM codecpg.index_runs WHERE repo = 'cancel' AND status = 'running')"
set +e
wait "$client"; rc=$?
set -e
expect_eq "cancelled client exits 1" 1 "$rc"
grep -q 'canceling statement due to user request' "$ix_work/err.txt" || fail "message: $(cat "$ix_work/err.txt")"
expect_eq "state after a cancelled -j 1 run" "$prior" "$(state)"
expect_eq "the cancelled run is recorded" "failed true" \
    "$(q "SELECT status || ' ' || (message LIKE '%canceling statement due to user request%' AND finished_at IS NOT NULL)
            FROM codecpg.index_runs WHERE repo = 'cancel' ORDER BY run_id DESC LIMIT 1")"

# client -j 2: cancel one worker connection while it stages
ix_client index "$big" --repo cancel -q -j 2 2>"$ix_work/err.txt" &
client=$!
wait_for "EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = 'codecpg' AND query LIKE '%index_extract(%, true)%'
                   AND pid NOT IN (SELECT backend_pid FROM codecpg.index_runs WHERE status = 'running'))"
cancel_until_exit "$client" "application_name = 'codecpg'
     AND pid NOT IN (SELECT backend_pid FROM codecpg.index_runs WHERE status = 'running')"
set +e
wait "$client"; rc=$?
set -e
expect_eq "client with a cancelled worker exits 1" 1 "$rc"
expect_eq "state after a cancelled -j 2 run" "$prior" "$(state)"
expect_eq "nothing staged remains" "0" "$(q "SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo NOT IN ('cancel', 'other', 'locked')")"
expect_eq "the cancelled parallel run is recorded" "failed" \
    "$(q "SELECT status FROM codecpg.index_runs WHERE repo = 'cancel' ORDER BY run_id DESC LIMIT 1")"

# server side: the run is one transaction; cancelling it rolls everything back,
# its run record included
psql -X -q -c "SELECT codecpg.index_repo('cancel', '$big')" >/dev/null 2>"$ix_work/err.txt" &
server=$!
wait_for "EXISTS (SELECT 1 FROM pg_stat_activity WHERE query LIKE '%codecpg.index_repo(''cancel''%' AND state = 'active'
                   AND now() - query_start > interval '1 second' AND pid <> pg_backend_pid())"
cancel_until_exit "$server" "query LIKE '%codecpg.index_repo(''cancel''%' AND pid <> pg_backend_pid()"
set +e
wait "$server"; rc=$?
set -e
expect_eq "cancelled server run fails" 1 "$rc"
grep -q 'canceling statement due to user request' "$ix_work/err.txt" || fail "message: $(cat "$ix_work/err.txt")"
expect_eq "state after a cancelled server run" "$prior" "$(state)"
expect_eq "run records: the two failed client runs, no server run" "$((runs_before + 2))" \
    "$(q "SELECT count(*) FROM codecpg.index_runs WHERE repo = 'cancel'")"

# the repository is usable again
ix_index j1 cancel "$big/json"
expect_eq "re-index after the failures changes nothing" "0 0 0" \
    "$(q "SELECT concat_ws(' ', files_added, files_changed, files_removed) FROM codecpg.index_runs WHERE repo = 'cancel' ORDER BY run_id DESC LIMIT 1")"
echo "index_concurrency: all checks passed"
