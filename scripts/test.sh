#!/usr/bin/env bash
# Run every test: build and install codecpg into the private PostgreSQL tree, start a
# fresh throwaway cluster, run the pg_regress suite (test/sql, test/expected) and the
# cluster-level shell tests (test/shell/*.sh), stop the cluster, and print a summary
# line "tests: N passed, M failed". Exit status is non-zero when anything failed.
#
# Usage: scripts/test.sh [pg_regress test names...]   (default: all)
set -euo pipefail
repo_root=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo_root"
export CODECPG_PORT=${CODECPG_PORT:-54330}
harness="bash scripts/pg-harness.sh"

# The SCIP tests decode fixtures with the protobuf bindings bundled in scip-python.
bash scripts/install-scip-python.sh >/dev/null
$harness install
$harness stop --destroy >/dev/null 2>&1 || true
$harness start
trap '$harness stop --destroy >/dev/null 2>&1 || true' EXIT

passed=0
failed=0
failures=()

mkdir -p build/regress
regress_args=()
[ $# -gt 0 ] && regress_args=(REGRESS="$*")
set +e
$harness run make -s installcheck "${regress_args[@]}" REGRESS_OPTS="--inputdir=test --outputdir=build/regress --load-extension=codecpg" \
    2>&1 | tee build/regress/summary.log
set -e
ok=$(grep -cE '^(test| ) .* \.\.\. ok' build/regress/summary.log || true)
bad=$(grep -E '^(test| ) .* \.\.\. FAILED' build/regress/summary.log | awk '{print $2}' || true)
passed=$((passed + ok))
for t in $bad; do failed=$((failed + 1)); failures+=("pg_regress:$t"); done
if [ -s build/regress/regression.diffs ]; then
    echo "--- differences (build/regress/regression.diffs) ---"
    head -n 200 build/regress/regression.diffs
fi
if ! grep -qE '\.\.\. (ok|FAILED)' build/regress/summary.log; then
    failed=$((failed + 1)); failures+=("pg_regress:did-not-run")
fi

# Under the sanitizers a run takes several times longer: the soak test runs fewer.
[ "${CODECPG_SANITIZE:-0}" = 1 ] && export SOAK_RUNS=${SOAK_RUNS:-16}

if [ $# -eq 0 ]; then
    for t in test/shell/*.sh; do
        [ -e "$t" ] || continue
        name=$(basename "$t" .sh)
        echo "shell test $name"
        if $harness run bash "$t" >"build/regress/shell-$name.log" 2>&1; then
            echo "  ... ok"
            passed=$((passed + 1))
        else
            echo "  ... FAILED (build/regress/shell-$name.log)"
            tail -n 40 "build/regress/shell-$name.log" | sed 's/^/    /'
            failed=$((failed + 1)); failures+=("shell:$name")
        fi
    done
fi

# A sanitized build also indexes the standard library, the largest real input at hand.
if [ "${CODECPG_SANITIZE:-0}" = 1 ] && [ $# -eq 0 ]; then
    echo "sanitized stdlib index"
    if $harness run bash scripts/sanitizer/stdlib.sh >build/regress/sanitize-stdlib.log 2>&1; then
        echo "  ... ok ($(tail -n 1 build/regress/sanitize-stdlib.log))"
        passed=$((passed + 1))
    else
        echo "  ... FAILED (build/regress/sanitize-stdlib.log)"
        tail -n 20 build/regress/sanitize-stdlib.log | sed 's/^/    /'
        failed=$((failed + 1)); failures+=("sanitize:stdlib")
    fi
fi

# Whatever the tests printed, a backend that crashed or a sanitizer report fails the run.
echo "server log"
cluster_log=$($harness run bash -c 'echo "$PGHOST/postgres.log"')
if grep -nE 'terminated by signal|server process .* exited with exit code [^01]|PANIC|AddressSanitizer|runtime error:|LeakSanitizer' \
        "$cluster_log" >build/regress/server-log-problems.txt 2>/dev/null; then
    echo "  ... FAILED (build/regress/server-log-problems.txt)"
    head -n 20 build/regress/server-log-problems.txt | sed 's/^/    /'
    failed=$((failed + 1)); failures+=("server-log")
else
    echo "  ... ok"
    passed=$((passed + 1))
fi

[ ${#failures[@]} -eq 0 ] || echo "failed: ${failures[*]}"
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
