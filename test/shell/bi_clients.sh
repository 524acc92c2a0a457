#!/usr/bin/env bash
# The two views as BI tools see them, through the drivers they use: pgJDBC (Debian's
# libpostgresql-jdbc-java, driven by test/tools/BiJdbc.java) and psqlODBC (Debian's
# odbc-postgresql under unixODBC, driven by test/tools/bi_odbc.c). Both connect over TCP with a password, as a
# codecpg reader, to a cluster of their own (port CODECPG_PORT + 3). For each view the
# test checks the column metadata (types, remarks) and how every column type is mapped,
# against test/data/bi/*.expected, and that row counts per kind read through each driver
# are the ones psql reads.
set -euo pipefail
repo_root=$(cd "$(dirname "$0")/../.." && pwd)
harness="$repo_root/scripts/pg-harness.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }

port=${CODECPG_PORT:?run through scripts/test.sh}
bi_port=$((port + 3))
work=$(mktemp -d "${TMPDIR:-/tmp}/codecpg-bi.XXXXXX")
chmod 755 "$work"
pg_config=${CODECPG_PG_CONFIG:-$(command -v pg_config || echo /usr/lib/postgresql/15/bin/pg_config)}
case $pg_config in "$repo_root"/build/pgroot/*) pg_config=${pg_config#"$repo_root/build/pgroot"} ;; esac
bi() { CODECPG_PORT=$bi_port CODECPG_CLUSTER_DIR=$work/cluster CODECPG_LISTEN=127.0.0.1 CODECPG_PG_CONFIG=$pg_config bash "$harness" "$@"; }
trap 'bi stop >/dev/null 2>&1 || true; [ -n "${BI_KEEP:-}" ] || rm -rf "$work"' EXIT
q() { bi run psql -X -q -At -v ON_ERROR_STOP=1 -d bi "$@"; }

jar=/usr/share/java/postgresql.jar
[ -r "$jar" ] || fail "pgJDBC is missing ($jar): scripts/install-deps.sh installs libpostgresql-jdbc-java"
command -v javac >/dev/null || fail "javac is missing: scripts/install-deps.sh installs default-jdk-headless"
command -v cc >/dev/null && [ -r /usr/include/sqlext.h ] || fail "cc or the unixODBC headers are missing: scripts/install-deps.sh installs unixodbc-dev"
odbc_driver=$(odbcinst -q -d | tr -d '[]' | grep -m1 -x 'PostgreSQL Unicode') \
    || fail "the psqlODBC driver is not registered with unixODBC: scripts/install-deps.sh installs odbc-postgresql"

bi start >/dev/null
bi run psql -X -q -d postgres -c "CREATE DATABASE bi" >/dev/null
cp -a "$repo_root/test/data/cpg" "$work/app"
# a module documented at length, as real modules are: its docstring is a props value
# longer than the 255 characters ODBC clients see of a VARCHAR by default
cat >"$work/app/app/report.py" <<'PY'
"""Monthly reports of the shapes registered in the application.

A report lists every shape with its area and perimeter, groups the shapes by kind and
sorts each group by area, largest first. Reports are plain text so that they can be
mailed as they are; render_report() joins the lines that describe_shape() produces.
"""


def describe_shape(shape):
    return f"{shape.name}: area {shape.area():.2f}"


def render_report(shapes):
    return "\n".join(describe_shape(s) for s in sorted(shapes, key=lambda s: -s.area()))
PY
chmod -R a+rX "$work/app"
q -c "CREATE EXTENSION codecpg"
[ "$(q -c "SELECT status FROM codecpg.index_repo('app', '$work/app')")" = succeeded ] || fail "indexing the test project failed"
password=bi-$RANDOM$RANDOM
q -c "CREATE ROLE codecpg_bi_reader LOGIN PASSWORD '$password'" \
  -c "SELECT codecpg.grant_reader('codecpg_bi_reader')" >/dev/null
counts=$(q -c "SELECT 'count nodes ' || node_kind || ' ' || count(*) FROM codecpg.cpg_nodes WHERE repo = 'app' GROUP BY node_kind
               UNION ALL SELECT 'count edges ' || edge_kind || ' ' || count(*) FROM codecpg.cpg_edges WHERE repo = 'app' GROUP BY edge_kind" | sort)

# --- pgJDBC -----------------------------------------------------------------------------
javac -d "$work" -cp "$jar" "$repo_root/test/tools/BiJdbc.java"
java -cp "$jar:$work" BiJdbc "jdbc:postgresql://127.0.0.1:$bi_port/bi" codecpg_bi_reader "$password" app >"$work/jdbc.out"
grep -v '^count ' "$work/jdbc.out" >"$work/jdbc.meta"
diff -u "$repo_root/test/data/bi/jdbc.expected" "$work/jdbc.meta" || fail "pgJDBC metadata differs from test/data/bi/jdbc.expected"
[ "$(grep '^count ' "$work/jdbc.out" | sort)" = "$counts" ] || fail "counts per kind through pgJDBC differ from psql's"
echo "ok: pgJDBC: views, schema and column remarks, JDBC types and classes of every column, counts per kind"

# --- psqlODBC -----------------------------------------------------------------------------
# test/tools/bi_odbc.c, built against unixODBC, connects with a DSN-less connection string
# holding the setting docs/bi.md recommends: psqlODBC maps a type it does not know (jsonb:
# props) to VARCHAR(255), which clients cut at 255 characters, unless UnknownsAsLongVarchar.
cc -O1 -Wall -Wextra -o "$work/bi_odbc" "$repo_root/test/tools/bi_odbc.c" -lodbc \
    || fail "building test/tools/bi_odbc.c failed (scripts/install-deps.sh installs unixodbc-dev)"
conn="Driver={$odbc_driver};Servername=127.0.0.1;Port=$bi_port;Database=bi;UID=codecpg_bi_reader;PWD=$password;UnknownsAsLongVarchar=1"
odbc() { "$work/bi_odbc" "$conn" "$@"; }
odbc meta >"$work/odbc.meta"
# psqlODBC reports no remarks; codecpg.describe_columns gives them to ODBC clients
for v in cpg_nodes cpg_edges; do
    odbc query "SELECT 'remarks $v ' || count(*) || ' columns ' || count(remarks) || ' commented' FROM codecpg.describe_columns('codecpg.$v')" >>"$work/odbc.meta"
done
diff -u "$repo_root/test/data/bi/odbc.expected" "$work/odbc.meta" || fail "psqlODBC metadata differs from test/data/bi/odbc.expected"
odbc_counts=$({ odbc query "SELECT 'count nodes ' || node_kind || ' ' || count(*) FROM codecpg.cpg_nodes WHERE repo = 'app' GROUP BY node_kind"
                odbc query "SELECT 'count edges ' || edge_kind || ' ' || count(*) FROM codecpg.cpg_edges WHERE repo = 'app' GROUP BY edge_kind"; } | sort)
[ "$odbc_counts" = "$counts" ] || fail "counts per kind through psqlODBC differ from psql's"
longest="SELECT props FROM codecpg.cpg_nodes WHERE repo = 'app' ORDER BY length(props::text) DESC NULLS LAST, node_id LIMIT 1"
props=$(odbc query "$longest")
[ "${#props}" -gt 255 ] || fail "the longest props value read through psqlODBC has ${#props} characters"
[ "$props" = "$(q -c "$longest")" ] || fail "the longest props value read through psqlODBC is not the whole value"
echo "ok: psqlODBC: views and column types and sizes, remarks through describe_columns, counts per kind, whole jsonb values (${#props} characters)"
