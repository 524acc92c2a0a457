#!/usr/bin/env bash
# Defences of the indexer against its environment:
#  - a FIFO among the files is reported (unreadable) instead of blocking the server or
#    the client forever;
#  - functions and aggregates planted in public by an unprivileged role, shadowing
#    the built-ins the indexer's SQL uses, are never called by index runs or scip_load;
#  - the client's --max-file-size reaches the worker connections of -j N;
#  - scip_load waits for an index run of the repository in progress;
#  - a stored file that cannot be read by a later run keeps its snapshot and facts.
set -euo pipefail
source "$(dirname "$0")/index_lib.bash"
ix_setup codecpg_ix_hardening

proj=$ix_work/proj
mkdir -p "$proj/lib"
echo 'x = 1' > "$proj/lib/ok.py"
echo 'def broken(:' > "$proj/lib/broken.py"
mkfifo "$proj/lib/pipe.py"
chmod -R a+rX "$proj"

# Every mode finishes (a blocked open would hang until the timeout) and reports the FIFO.
for mode in server j1 j2; do
    timeout 120 bash -c "$(declare -f q ix_client ix_index); ix_index $mode fifo_$mode '$proj'" \
        || fail "indexing a tree with a FIFO ($mode) did not finish"
    expect_eq "FIFO reported ($mode)" "lib/pipe.py:unreadable" \
        "$(q "SELECT string_agg(path || ':' || kind, ' ') FROM codecpg.index_errors WHERE repo = 'fifo_$mode' AND domain IS NULL")"
    expect_eq "files stored ($mode)" "lib/broken.py lib/ok.py" \
        "$(q "SELECT string_agg(path, ' ' ORDER BY path) FROM codecpg.repo_files_v1 WHERE repo = 'fifo_$mode'")"
done

# Plant shadows of concat_ws, unnest and jsonb_object_agg as a role with CREATE on public
# only; each raises if called.  The superuser keeps the default search_path ("$user", public).
q "DROP ROLE IF EXISTS regress_planter; CREATE ROLE regress_planter LOGIN; GRANT CREATE ON SCHEMA public TO regress_planter; GRANT USAGE ON SCHEMA codecpg TO regress_planter"
trap 'rm -rf "$ix_work"; dropdb --if-exists "$ix_db" >/dev/null 2>&1 || true; psql -X -q -c "DROP ROLE IF EXISTS regress_planter" >/dev/null 2>&1 || true' EXIT
PGUSER=regress_planter psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
CREATE FUNCTION public.concat_ws(text, text, text) RETURNS text LANGUAGE plpgsql
    AS $$BEGIN RAISE EXCEPTION 'planted concat_ws called as %', current_user; END$$;
CREATE FUNCTION public.unnest(codecpg.extract_error[]) RETURNS SETOF codecpg.extract_error LANGUAGE plpgsql
    AS $$BEGIN RAISE EXCEPTION 'planted unnest called as %', current_user; END$$;
CREATE FUNCTION public.planted_step(jsonb, text, text) RETURNS jsonb LANGUAGE plpgsql
    AS $$BEGIN RAISE EXCEPTION 'planted jsonb_object_agg called as %', current_user; END$$;
CREATE AGGREGATE public.jsonb_object_agg(text, text) (sfunc = public.planted_step, stype = jsonb);
SQL
# Unqualified calls from the superuser's session do reach them: the test proves something.
for call in "concat_ws('-', 'a'::text, 'b'::text)" "jsonb_object_agg('a'::text, 'b'::text)" \
            "unnest(ARRAY[NULL]::codecpg.extract_error[])"; do
    if q "SELECT $call" >/dev/null 2>&1; then fail "the planted shadow of $call is not reachable"; fi
done
for mode in server j1 j2; do
    ix_index "$mode" "planted_$mode" "$proj" 2>"$ix_work/planted.err" || { cat "$ix_work/planted.err" >&2; fail "index run ($mode) failed with shadows planted"; }
    expect_eq "run with shadows planted ($mode)" "succeeded lib/broken.py:syntax" \
        "$(q "SELECT r.status || ' ' || string_agg(DISTINCT e.path || ':' || e.kind, ' ') FROM codecpg.index_runs r
               JOIN codecpg.index_errors e USING (run_id) WHERE r.repo = 'planted_$mode' AND e.domain IS NOT NULL GROUP BY r.status")"
done
expect_eq "scip_load with shadows planted" "1" \
    "$(q "SELECT documents FROM codecpg.scip_load('planted_server', convert_to('{\"metadata\": {\"toolInfo\": {\"name\": \"t\"}}, \"documents\": [{\"relativePath\": \"lib/ok.py\", \"occurrences\": [{\"range\": [0, 0, 1], \"symbol\": \"x\"}]}]}', 'UTF8'), 'json')")"
PGUSER=regress_planter psql -X -q -c "DROP AGGREGATE public.jsonb_object_agg(text, text); DROP FUNCTION public.planted_step(jsonb, text, text), public.concat_ws(text, text, text), public.unnest(codecpg.extract_error[])"

# -j 2 with a limit above the database's default: the workers store the larger file too.
q "ALTER DATABASE $ix_db SET codecpg.max_file_size = 10"
ix_client index "$proj" --repo bigger -q -j 2 --max-file-size 4096 \
    || fail "client -j 2 --max-file-size 4096 failed where the database default is 10 bytes"
expect_eq "files stored by -j 2 above the default limit" "lib/broken.py lib/ok.py" \
    "$(q "SELECT string_agg(path, ' ' ORDER BY path) FROM codecpg.repo_files_v1 WHERE repo = 'bigger'")"
q "ALTER DATABASE $ix_db RESET codecpg.max_file_size"

# A client run holds the repository's index lock between index_begin and index_finish:
# scip_load of that repository waits for it (here until lock_timeout).
psql -X -q -c "SELECT codecpg.index_begin('locked', 'client', '/x')" -c "SELECT pg_sleep(5)" >/dev/null &
holder=$!
sleep 1.5
if out=$(PGOPTIONS="-c lock_timeout=300" psql -X -q -At -v ON_ERROR_STOP=1 \
        -c "SELECT documents FROM codecpg.scip_load('locked', convert_to('{\"metadata\": {\"toolInfo\": {\"name\": \"t\"}}}', 'UTF8'), 'json')" 2>&1); then
    fail "scip_load did not wait for the index run in progress: $out"
fi
case "$out" in *"lock timeout"*) echo "ok: scip_load waits for the index run in progress" ;; *) fail "unexpected: $out" ;; esac
wait "$holder"
expect_eq "scip_load after the run" "0" \
    "$(q "SELECT documents FROM codecpg.scip_load('locked', convert_to('{\"metadata\": {\"toolInfo\": {\"name\": \"t\"}}}', 'UTF8'), 'json')")"

# A file stored by an earlier run that cannot be read now (unreadable, over the size limit)
# keeps its snapshot and facts; the run records the error row and removes nothing.
for mode in server j1 j2; do
    keep=$ix_work/keep_$mode
    mkdir -p "$keep"
    echo 'a = 1' > "$keep/a.py"
    echo 'b = 2' > "$keep/b.py"
    chmod -R a+rX "$keep"
    ix_index "$mode" "keep_$mode" "$keep"
    before=$(q "SELECT string_agg(path || ':' || file_sha256, ' ' ORDER BY path) FROM codecpg.repo_files_v1 WHERE repo = 'keep_$mode'")
    rows_before=$(q "SELECT domain_rows('keep_$mode')")
    chmod 000 "$keep/a.py"
    head -c 3000 /dev/zero | tr '\0' '#' > "$keep/b.py"
    ix_index "$mode" "keep_$mode" "$keep"
    expect_eq "snapshots kept ($mode)" "$before" \
        "$(q "SELECT string_agg(path || ':' || file_sha256, ' ' ORDER BY path) FROM codecpg.repo_files_v1 WHERE repo = 'keep_$mode'")"
    expect_eq "facts kept ($mode)" "$rows_before" "$(q "SELECT domain_rows('keep_$mode')")"
    expect_eq "counts ($mode)" "0 0 0 0 2" "$(ix_counts "keep_$mode")"
    expect_eq "error rows ($mode)" "a.py:unreadable b.py:size_limit" \
        "$(q "SELECT string_agg(path || ':' || kind, ' ' ORDER BY path) FROM codecpg.index_errors
               WHERE run_id = (SELECT max(run_id) FROM codecpg.index_runs WHERE repo = 'keep_$mode')")"
    # readable again: read, changed, stored
    chmod 644 "$keep/a.py"
    echo 'b = 3' > "$keep/b.py"
    ix_index "$mode" "keep_$mode" "$keep"
    expect_eq "readable again ($mode)" "0 1 0 1 0" "$(ix_counts "keep_$mode")"
done
