#!/usr/bin/env bash
# The command-line client and the server-side function select, snapshot and extract
# the same files of the test project, with the same error rows -- including an
# unreadable file, a dangling link, a symbolic link loop, a file name that is not
# UTF-8 and the default-excluded directories -- and the client fails clearly (exit status, message) when it must.
set -euo pipefail
source "$(dirname "$0")/index_lib.bash"
ix_setup codecpg_ix_client

proj=$ix_work/proj
ix_copy_project "$proj"
mkdir -p "$proj/.git" "$proj/node_modules/m" "$proj/app/__pycache__" "$proj/.venv/lib" "$proj/pkg.egg-info"
for f in .git/hook.py node_modules/m/x.py app/__pycache__/core.py .venv/lib/v.py pkg.egg-info/e.py; do
    echo 'skipped = True' > "$proj/$f"
done
echo 'secret = 1' > "$proj/lib/secret.py"
chmod 000 "$proj/lib/secret.py"
ln -s .. "$proj/app/util/loop"
ln -s missing.py "$proj/lib/dangling.py"
echo 'x = 1' > "$proj/lib/bad$(printf '\377')name.py"

ix_index server srv "$proj"
ix_index j1 cli1 "$proj"
ix_index j2 cli2 "$proj"

expect_eq "files selected" "13 13 13" \
    "$(q "SELECT string_agg(files_seen::text, ' ' ORDER BY repo) FROM codecpg.index_runs WHERE repo IN ('srv', 'cli1', 'cli2')")"
expect_eq "snapshot" "app/__init__.py app/core.py app/util/__init__.py app/util/strings.py lib/__init__.py lib/badenc.py lib/bom.py lib/broken.py lib/latin.py lib/nul.py scripts/tool.py" \
    "$(q "SELECT string_agg(path, ' ' ORDER BY path) FROM codecpg.repo_files_v1 WHERE repo = 'srv'")"
expect_eq "client -j 1 stores what the server stores" "0" "$(q "SELECT count(*) FROM repo_diff('srv', 'cli1')")"
expect_eq "client -j 2 stores what the server stores" "0" "$(q "SELECT count(*) FROM repo_diff('srv', 'cli2')")"
expect_eq "nothing staged remains" "0" "$(q "SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo NOT IN ('srv', 'cli1', 'cli2')")"

errors="app/util/loop:symlink_loop data/big_table.py:size_limit lib/bad\\xFFname.py:encoding lib/badenc.py:encoding lib/dangling.py:unreadable lib/nul.py:nul_byte lib/secret.py:unreadable"
for repo in srv cli1 cli2; do
    expect_eq "ingestion error rows of $repo" "$errors" \
        "$(q "SELECT string_agg(path || ':' || kind, ' ' ORDER BY path) FROM codecpg.index_errors e
               JOIN codecpg.index_runs r USING (run_id) WHERE r.repo = '$repo' AND e.domain IS NULL AND e.repo = '$repo'")"
    expect_eq "extractor error rows of $repo" "lib/broken.py:syntax" \
        "$(q "SELECT string_agg(DISTINCT path || ':' || kind, ' ') FROM codecpg.index_errors e
               JOIN codecpg.index_runs r USING (run_id) WHERE r.repo = '$repo' AND e.domain IS NOT NULL")"
    expect_eq "counts of $repo" "11 0 0 0 7" "$(ix_counts "$repo")"
done
expect_eq "unreadable message" "could not open file: Permission denied" \
    "$(q "SELECT message FROM codecpg.index_errors WHERE repo = 'cli1' AND path = 'lib/secret.py'")"
expect_eq "syntax error position" "t" \
    "$(q "SELECT bool_and(line0 = 3) FROM codecpg.index_errors WHERE repo = 'srv' AND kind = 'syntax' AND domain = 'ast'")"
expect_eq "per-domain figures" "t" \
    "$(q "SELECT bool_and((domains -> d.domain ->> 'files')::int = 9 AND (domains -> d.domain ->> 'ms')::numeric > 0)
            FROM codecpg.index_runs, codecpg.index_domains() d WHERE repo IN ('srv', 'cli1', 'cli2')")"
expect_eq "client options recorded" "2 2048" \
    "$(q "SELECT options ->> 'jobs', options ->> 'max_file_size' FROM codecpg.index_runs WHERE repo = 'cli2'" | tr '|' ' ')"

# Progress: plain lines when stderr is not a terminal, a summary on stdout.
out=$(ix_client index "$proj" --repo cli1 2>"$ix_work/progress.txt")
grep -q '^codecpg: run [0-9]* of repository "cli1" succeeded' <<<"$out" || fail "no summary: $out"
grep -q '^hash: 16/16 files' "$ix_work/progress.txt" || fail "no progress lines: $(cat "$ix_work/progress.txt")"
echo "ok: summary and progress lines"

# Failures: exit status and a clear message.
set +e
ix_client index "$ix_work/nonexistent" --repo x 2>"$ix_work/err.txt"; rc=$?
set -e
expect_eq "missing directory exits 2" 2 "$rc"
grep -q 'cannot index .*No such file or directory' "$ix_work/err.txt" || fail "message: $(cat "$ix_work/err.txt")"
set +e
ix_client index "$proj" 2>"$ix_work/err.txt"; rc=$?
set -e
expect_eq "missing --repo exits 2" 2 "$rc"
set +e
ix_client index "$proj" --repo x -p 1 2>"$ix_work/err.txt"; rc=$?
set -e
expect_eq "unreachable server exits 2" 2 "$rc"
grep -q 'could not connect to the database' "$ix_work/err.txt" || fail "message: $(cat "$ix_work/err.txt")"
createdb codecpg_ix_noext
set +e
ix_client index "$proj" --repo x -d codecpg_ix_noext 2>"$ix_work/err.txt"; rc=$?
set -e
dropdb codecpg_ix_noext
expect_eq "database without the extension exits 1" 1 "$rc"
grep -q 'the codecpg extension is not installed' "$ix_work/err.txt" || fail "message: $(cat "$ix_work/err.txt")"
q "SET client_min_messages = warning; DROP ROLE IF EXISTS codecpg_ix_nopriv; CREATE ROLE codecpg_ix_nopriv LOGIN"
set +e
ix_client index "$proj" --repo x -U codecpg_ix_nopriv 2>"$ix_work/err.txt"; rc=$?
set -e
q "DROP ROLE codecpg_ix_nopriv"
expect_eq "a role without privileges exits 1" 1 "$rc"
grep -q 'permission denied' "$ix_work/err.txt" || fail "message: $(cat "$ix_work/err.txt")"
# A writer that is not a superuser publishes a -j 2 run: its staged rows move under its
# repository by UPDATE, each row passing the ownership guard twice (staging and target),
# and equal what the server stores, first index and re-index of a changed file alike.
q "SET client_min_messages = warning; DROP ROLE IF EXISTS codecpg_ix_writer; CREATE ROLE codecpg_ix_writer LOGIN" >/dev/null
q "SELECT codecpg.grant_writer('codecpg_ix_writer')" >/dev/null
ix_index j2 by_writer "$proj" -U codecpg_ix_writer || fail "a writer's client -j 2 run failed"
expect_eq "a writer's client -j 2 stores what the server stores" "0" "$(q "SELECT count(*) FROM repo_diff('srv', 'by_writer')")"
echo 'def added():' >> "$proj/app/core.py"; echo '    return 1' >> "$proj/app/core.py"
ix_index server srv "$proj"
ix_index j2 by_writer "$proj" -U codecpg_ix_writer || fail "a writer's client -j 2 re-index failed"
expect_eq "a writer's -j 2 re-index counts what the server's counts" "$(ix_counts srv)" "$(ix_counts by_writer)"
expect_eq "a writer's -j 2 re-index: one file changed, none added or removed" "0 1 0" "$(ix_counts by_writer | cut -d' ' -f1-3)"
expect_eq "a writer's client -j 2 re-index stores what the server stores" "0" "$(q "SELECT count(*) FROM repo_diff('srv', 'by_writer')")"
expect_eq "its graph is the server's" "" \
    "$(q "(SELECT caller, callee FROM codecpg.cpg_call_graph('srv') EXCEPT SELECT caller, callee FROM codecpg.cpg_call_graph('by_writer'))
          UNION ALL (SELECT caller, callee FROM codecpg.cpg_call_graph('by_writer') EXCEPT SELECT caller, callee FROM codecpg.cpg_call_graph('srv'))")"
expect_eq "nothing staged remains after a writer's runs" "0" \
    "$(q "SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo NOT IN ('srv', 'cli1', 'cli2', 'by_writer')")"
q "SELECT codecpg.drop_repository('by_writer')" >/dev/null
q "DROP ROLE codecpg_ix_writer"
# SCIP on request, through codecpg.scip_run, when scip-python is installed
# (scripts/install-scip-python.sh puts it in build/node).
scip_python=$ix_root/build/node/node_modules/.bin/scip-python
if [ -x "$scip_python" ] && [ -n "$(q "SELECT to_regprocedure('codecpg.scip_run(text,text,text,text,text,text)')")" ]; then
    q "SELECT codecpg.index_repo('withscip', '$proj', '{\"scip\": true, \"scip_python\": \"$scip_python\"}')" >/dev/null
    expect_eq "SCIP documents joined to indexed files" "t" \
        "$(q "SELECT count(*) > 0 AND (SELECT (domains -> 'scip' ->> 'files')::int > 0 FROM codecpg.index_runs WHERE repo = 'withscip')
                FROM codecpg.scip_index_v1 s JOIN codecpg.repo_files_v1 f USING (repo, file_id) WHERE s.repo = 'withscip'")"
else
    echo "ok: SCIP check skipped (scip-python not installed in build/node)"
fi
# An extractor that raises an error on one file costs that file's facts of that domain
# and an extractor_error row, not the run: this throwaway database replaces the symtable
# extractor with one that fails on lib/bom.py.
if [ -n "$(q "SELECT to_regprocedure('codecpg.symtable_extract(text,text,text,text)')")" ]; then
    q "CREATE OR REPLACE FUNCTION codecpg.symtable_extract(repo text, path text, source text, file_sha256 text DEFAULT NULL)
       RETURNS codecpg.symtable_files_v1 LANGUAGE plpgsql AS \$\$
       BEGIN
         IF path = 'lib/bom.py' THEN
           RAISE EXCEPTION 'symtable extractor exploded on %', path;
         END IF;
         RETURN json_populate_record(NULL::codecpg.symtable_files_v1,
           json_build_object('repo', repo, 'path', path, 'file_id', codecpg.file_id(repo, path), 'file_sha256', file_sha256));
       END \$\$"
    for mode in server j1 j2; do
        ix_index "$mode" "raise_$mode" "$proj"
        expect_eq "$mode: a raising extractor costs one file" "lib/bom.py symtable extractor_error symtable extractor exploded on lib/bom.py" \
            "$(q "SELECT concat_ws(' ', path, domain, kind, message) FROM codecpg.index_errors WHERE repo = 'raise_$mode' AND kind = 'extractor_error'")"
        expect_eq "$mode: the other files and domains are complete" "t" \
            "$(q "SELECT (SELECT count(*) FROM codecpg.symtable_files_v1 WHERE repo = 'raise_$mode') = 8
                     AND domain_rows('raise_$mode') = 9 * (SELECT count(*) FROM codecpg.index_domains()) - 1
                     AND (SELECT (domains -> 'symtable' ->> 'errors')::int = 1 AND status = 'succeeded'
                            FROM codecpg.index_runs WHERE repo = 'raise_$mode')")"
    done
fi
# A directory named venv holding __init__.pyi is a stub package (typeshed's stdlib/venv),
# not a virtualenv: selected like one holding __init__.py, by the server and the client.
stubs=$ix_work/stubs
mkdir -p "$stubs/venv" "$stubs/.venv/lib"
printf 'def create(env_dir: str) -> None: ...\n' > "$stubs/venv/__init__.pyi"
printf 'x: int\n' > "$stubs/.venv/lib/v.pyi"
printf 'import venv\n' > "$stubs/os.pyi"
chmod -R a+rX "$stubs"
q "SELECT codecpg.index_repo('stubs_srv', '$stubs', '{\"include\": [\"*.pyi\"]}')" >/dev/null
ix_client index "$stubs" --repo stubs_cli --include '*.pyi' -q
for repo in stubs_srv stubs_cli; do
    expect_eq "$repo: a stub package named venv is indexed, a virtualenv is not" "os.pyi venv/__init__.pyi" \
        "$(q "SELECT string_agg(path, ' ' ORDER BY path) FROM codecpg.repo_files_v1 WHERE repo = '$repo'")"
done
echo "index_client: all checks passed"
