#!/usr/bin/env bash
# Interrupts that do not end the query neither change a tree-sitter tree nor starve the
# parse (issue 14: a parse resumed after a stop could give a different tree; a parse
# restarted for every such interrupt could never finish under a stream of them). One
# session parses 40 sources (distinct, so that the backend's tree cache does not answer)
# while another sends it interrupts (pg_log_backend_memory_contexts) every 20 ms; every
# tree must be the one computed before without interrupts, no parse restarted (its DEBUG1
# line), and the interrupts served (the server logs the memory contexts).
set -euo pipefail
source "$(dirname "$0")/index_lib.bash"
ix_setup codecpg_ts_interrupt

q "CREATE TABLE src AS
     SELECT i, repeat(E'X = f(*g())\n', 20000) || repeat(E'def h(a, *b, **c):\n    return [x async for x in a if await b(x)]\n', 500) || '# ' || i AS s
       FROM generate_series(1, 40) i"
q "CREATE TABLE ref AS SELECT i, md5(codecpg.ts_sexp(s)) AS tree FROM src"
q "CREATE TABLE pids (pid int)"

psql -X -q -At -v ON_ERROR_STOP=1 >"$ix_work/parser.out" 2>"$ix_work/parser.err" <<'SQL' &
INSERT INTO pids SELECT pg_backend_pid();
SET client_min_messages = debug1;
SELECT 'different trees: ' || count(*) FILTER (WHERE md5(codecpg.ts_sexp(src.s)) <> ref.tree)
  FROM src JOIN ref USING (i);
SQL
parser=$!
for _ in $(seq 1 100); do [ "$(q "SELECT count(*) FROM pids")" = 1 ] && break; sleep 0.05; done
pid=$(q "SELECT pid FROM pids")
sent=0
while kill -0 "$parser" 2>/dev/null; do
    q "SELECT pg_log_backend_memory_contexts($pid)" >/dev/null 2>&1 || true
    sent=$((sent + 1))
    sleep 0.02
done
wait "$parser" || { cat "$ix_work/parser.err" >&2; fail "the parsing session failed"; }
expect_eq "trees under interrupts" "different trees: 0" "$(cat "$ix_work/parser.out")"
expect_eq "parses restarted" "0" "$(grep -c 'tree-sitter parse stopped for an interrupt' "$ix_work/parser.err" || true)"
served=$(grep -c "logging memory contexts of PID $pid" "$PGHOST/postgres.log" || true)
[ "$served" -gt 0 ] || fail "none of the $sent interrupts was served: the test proved nothing"
echo "ok: $sent interrupts sent, $served served, every tree as without interrupts"
