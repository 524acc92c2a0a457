#!/usr/bin/env bash
# Index runs against hostile trees and a hostile environment (issue 14):
#  - symbolic links leading out of the root are reported (symlink_outside) and never
#    followed, by the server, the client (-j 1, -j 2) alike; links inside the root are;
#  - a file of 64 KiB of "(" (which aborted the backend, and restarted the cluster, with
#    Debian's libtree-sitter 0.20.7) is indexed like any other;
#  - an error that is not about a file (a lock wait given up, 55P03) fails the run,
#    which can be retried, instead of leaving permanent extractor_error rows;
#  - compiling indexed code writes no SyntaxWarning into the server log;
#  - scip_run works in a fresh private scratch directory, not a predictable /tmp path.
set -euo pipefail
source "$(dirname "$0")/index_lib.bash"
ix_setup codecpg_ix_reliability

proj=$ix_work/proj
mkdir -p "$proj/pkg" "$ix_work/outside/sub"
echo 'SECRET = "outside the root"' > "$ix_work/outside/secret.py"
echo 'y = 2' > "$ix_work/outside/sub/mod.py"
echo 'x = 1' > "$proj/pkg/real.py"
ln -s /etc/passwd "$proj/passwd.py"
ln -s "$ix_work/outside/secret.py" "$proj/secret.py"
ln -s "$ix_work/outside/sub" "$proj/x.py"             # a directory link named like a file
ln -s "$ix_work/outside" "$proj/vendor"
ln -s real.py "$proj/pkg/alias.py"                      # inside the root: followed
ln -s pkg "$proj/pkg_link"                              # inside, already walked: symlink_loop
printf '%*s' 65536 '' | tr ' ' '(' > "$proj/brackets.py"
chmod -R a+rX "$ix_work"

for mode in server j1 j2; do
    case "$mode" in
        server) q "SELECT codecpg.index_repo('links_server', '$proj')" >/dev/null ;;
        j1) ix_client index "$proj" --repo links_j1 -q ;;
        j2) ix_client index "$proj" --repo links_j2 -q -j 2 ;;
    esac
    expect_eq "files stored ($mode)" "brackets.py pkg/alias.py pkg/real.py" \
        "$(q "SELECT string_agg(path, ' ' ORDER BY path) FROM codecpg.repo_files_v1 WHERE repo = 'links_$mode'")"
    expect_eq "links out of the root reported ($mode)" \
        "passwd.py:symlink_outside pkg_link:symlink_loop secret.py:symlink_outside vendor:symlink_outside x.py:symlink_outside" \
        "$(q "SELECT string_agg(path || ':' || kind, ' ' ORDER BY path) FROM codecpg.index_errors WHERE repo = 'links_$mode' AND domain IS NULL")"
    expect_eq "nothing from outside stored ($mode)" "0" \
        "$(q "SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo = 'links_$mode' AND (source LIKE '%root:%' OR source LIKE '%SECRET%' OR source LIKE 'y = 2%')")"
    expect_eq "the bracket file parsed ($mode)" "65537 1" \
        "$(q "SELECT (stats).node_count || ' ' || (stats).error_count FROM codecpg.tree_sitter_files_v1 WHERE repo = 'links_$mode' AND path = 'brackets.py'")"
done
# A root given through a symbolic link: links are judged against its resolved path.
ln -s "$proj" "$ix_work/proj_link"
q "SELECT codecpg.index_repo('links_via_root', '$ix_work/proj_link')" >/dev/null
expect_eq "a root given through a link" "brackets.py pkg/alias.py pkg/real.py" \
    "$(q "SELECT string_agg(path, ' ' ORDER BY path) FROM codecpg.repo_files_v1 WHERE repo = 'links_via_root'")"

# A lock the run cannot get within lock_timeout, inside an extractor's INSERT (a trigger
# waits for an advisory lock that another session holds): the run fails with 55P03 and
# leaves nothing behind, instead of recording extractor_error rows for files that are
# fine; once the lock is gone, the same run succeeds.
printf 'def f():\n    return 1\n' > "$proj/pkg/locked.py"
q "CREATE FUNCTION public.wait_for_gate() RETURNS trigger LANGUAGE plpgsql AS \$\$
   BEGIN PERFORM pg_advisory_xact_lock(4242); RETURN NEW; END \$\$"
q "CREATE TRIGGER gate BEFORE INSERT ON codecpg.bytecode_files_v1 FOR EACH ROW EXECUTE FUNCTION public.wait_for_gate()"
psql -X -q -v ON_ERROR_STOP=1 >/dev/null 2>&1 <<'SQL' &
BEGIN;
SELECT pg_advisory_xact_lock(4242);
SELECT pg_sleep(8);
COMMIT;
SQL
locker=$!
for _ in $(seq 1 50); do
    [ "$(q "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242 AND granted")" = 1 ] && break
    sleep 0.1
done
set +e
out=$(psql -X -q -At -v ON_ERROR_STOP=1 -c "SET lock_timeout = '300ms'" \
          -c "SELECT codecpg.index_repo('locked', '$proj')" 2>&1)
rc=$?
set -e
[ $rc -ne 0 ] || fail "the run succeeded although it could not get a lock: $out"
grep -q 'lock timeout' <<<"$out" || fail "the run did not fail on the lock: $out"
expect_eq "a run that failed on a lock leaves no rows" "0 0 0" \
    "$(q "SELECT (SELECT count(*) FROM codecpg.index_errors WHERE repo = 'locked') || ' ' ||
                 (SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo = 'locked') || ' ' ||
                 (SELECT count(*) FROM codecpg.index_runs WHERE repo = 'locked')")"
wait "$locker"
q "SELECT codecpg.index_repo('locked', '$proj')" >/dev/null
expect_eq "the retried run" "succeeded 0" \
    "$(q "SELECT r.status || ' ' || (SELECT count(*) FROM codecpg.index_errors e WHERE e.run_id = r.run_id AND e.kind = 'extractor_error')
            FROM codecpg.index_runs r WHERE r.repo = 'locked'")"
q "DROP TRIGGER gate ON codecpg.bytecode_files_v1; DROP FUNCTION public.wait_for_gate()"

# Compiling indexed code writes nothing to the server log: CPython's SyntaxWarnings
# (here 200 of them) went to stderr, which is the log, so a repository could fill it.
mkdir -p "$ix_work/warn"
for i in $(seq 1 200); do echo "if x is $i: y = $i()"; done > "$ix_work/warn/noisy.py"
chmod -R a+rX "$ix_work/warn"
before=$(grep -c 'SyntaxWarning' "$PGHOST/postgres.log" || true)
q "SELECT codecpg.index_repo('warn', '$ix_work/warn')" >/dev/null
expect_eq "the noisy file was compiled" "1" \
    "$(q "SELECT count(*) FROM codecpg.bytecode_files_v1 WHERE repo = 'warn' AND coalesce(cardinality(errors), 0) = 0")"
expect_eq "no SyntaxWarning in the server log" "$before" "$(grep -c 'SyntaxWarning' "$PGHOST/postgres.log" || true)"

# scip_run's scratch directory: made by mktemp -d (private, unpredictable name), removed
# afterwards. A stand-in scip-python reports what it was given and fails.
fake=$ix_work/fake-scip-python
cat > "$fake" <<'SH'
#!/bin/sh
env=""
while [ $# -gt 0 ]; do [ "$1" = --environment ] && env=$2; shift; done
d=$(dirname "$env")
echo "scratch=$d mode=$(stat -c %a "$d") owner=$(stat -c %U "$d")"
exit 1
SH
chmod 755 "$fake"
detail=$(psql -X -q -At -c "\\set VERBOSITY verbose" -c "SELECT codecpg.scip_run('scip', '$proj', scip_python => '$fake')" 2>&1 || true)
scratch=$(echo "$detail" | sed -n 's/.*scratch=\([^ ]*\) .*/\1/p' | head -n 1)
[ -n "$scratch" ] || fail "scip_run did not run the stand-in: $detail"
grep -Eq '/codecpg-scip\.[A-Za-z0-9]{10}$' <<<"$scratch" || fail "scratch directory not made by mktemp: $scratch"
grep -q 'mode=700' <<<"$detail" || fail "scratch directory is not private: $detail"
[ ! -e "$scratch" ] || fail "scratch directory $scratch left behind"
echo "ok: scip_run scratch directory $scratch (private, removed)"
