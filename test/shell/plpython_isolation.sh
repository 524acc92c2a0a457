#!/usr/bin/env bash
# codecpg and PL/Python never share one backend's Python interpreter (issue 14): a
# PL/Python function could otherwise change the modules codecpg parses with. Where
# PL/Python is loaded, codecpg's Python extractors refuse with an ERROR (its other
# functions work); where codecpg's Python runs, PL/Python refuses itself (its own FATAL
# check of the shared rendezvous variable), and the cluster stays up.
set -euo pipefail
source "$(dirname "$0")/index_lib.bash"
ix_setup codecpg_plpython
q "CREATE EXTENSION plpython3u" || fail "plpython3u is not installed (scripts/install-deps.sh installs postgresql-plpython3-15)"
started=$(q "SELECT pg_postmaster_start_time()")

# PL/Python first: codecpg's CPython extractors refuse, tree-sitter still works.
out=$(psql -X -q -At -c "DO \$\$ plpy.notice('plpython ran') \$\$ LANGUAGE plpython3u" \
          -c "SELECT 'ts nodes: ' || (codecpg.ts_extract('r', 'm.py', 'x = 1')).stats.node_count" \
          -c "SELECT cardinality((codecpg.ast_extract('r', 'm.py', 'x = 1')).nodes)" 2>&1 || true)
grep -q 'plpython ran' <<<"$out" || fail "PL/Python did not run: $out"
grep -qx 'ts nodes: 6' <<<"$out" || fail "ts_extract failed in a PL/Python session: $out"
grep -q 'codecpg cannot use Python in a session that has loaded PL/Python' <<<"$out" \
    || fail "ast_extract ran in a session with PL/Python: $out"
echo "ok: codecpg's Python refuses after PL/Python"

# codecpg first: PL/Python refuses (FATAL: that session ends), the cluster does not.
out=$(psql -X -q -At -c "SELECT cardinality((codecpg.ast_extract('r', 'm.py', 'x = 1')).nodes)" \
          -c "DO \$\$ plpy.notice('plpython ran') \$\$ LANGUAGE plpython3u" 2>&1 || true)
grep -q 'plpython ran' <<<"$out" && fail "PL/Python ran in a session where codecpg's Python runs: $out"
grep -q 'multiple Python libraries are present in session' <<<"$out" || fail "PL/Python did not refuse: $out"
echo "ok: PL/Python refuses after codecpg's Python"
expect_eq "postmaster not restarted" "$started" "$(q "SELECT pg_postmaster_start_time()")"
expect_eq "separate sessions work" "plpython ok t" \
    "$(q "DO \$\$ plpy.notice('x') \$\$ LANGUAGE plpython3u" 2>/dev/null; echo "plpython ok $(q "SELECT cardinality((codecpg.ast_extract('r', 'm.py', 'x = 1')).nodes) > 0")")"
