#!/usr/bin/env bash
# codecpg export: a repository's graph in JSON Lines, GraphML and CSV, each parsed back
# by an independent reader (Python's json, xml.etree and csv) and counted against the
# views; --kinds; an unknown repository; and memory that does not grow with the graph
# (the client's peak RSS exporting a repository ten times larger stays the same).
set -euo pipefail
repo_root=$(cd "$(dirname "$0")/../.." && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
db=codecpg_export
work=$(mktemp -d "${TMPDIR:-/tmp}/codecpg-export.XXXXXX")
chmod 755 "$work"
trap 'rm -rf "$work"; dropdb --if-exists "$db" >/dev/null 2>&1 || true' EXIT
dropdb --if-exists "$db" >/dev/null 2>&1 || true
createdb "$db"
export PGDATABASE=$db
q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

q "CREATE EXTENSION codecpg"
mkdir -p "$work/small" "$work/large"
cp -a "$repo_root/test/data/cpg/main.py" "$repo_root/test/data/cpg/app" "$work/small/"
for d in json email logging; do cp -a "/usr/lib/python3.11/$d" "$work/large/"; done
find "$work" -name __pycache__ -prune -exec rm -rf {} +
chmod -R a+rX "$work"
for r in small large; do
    [ "$(q "SELECT status FROM codecpg.index_repo('$r', '$work/$r')")" = succeeded ] || fail "indexing $r failed"
done

# Counts per kind as the views have them, "node KIND N" / "edge KIND N" sorted.
view_counts() {  # view_counts REPO [KIND-FILTER-SQL]
    q "SELECT 'node ' || node_kind || ' ' || count(*) FROM codecpg.cpg_nodes WHERE repo = '$1' ${2:-} GROUP BY node_kind
       UNION ALL SELECT 'edge ' || edge_kind || ' ' || count(*) FROM codecpg.cpg_edges WHERE repo = '$1' ${3:-} GROUP BY edge_kind" | sort
}

# JSON Lines: every line one object; nodes first; the counts are the views'.
codecpg export --repo small --format jsonl --output "$work/small.jsonl" -q
got=$(python3 - "$work/small.jsonl" <<'PY'
import collections, json, sys
counts = collections.Counter()
seen_edge = False
for line in open(sys.argv[1], encoding="utf-8"):
    obj = json.loads(line)
    if obj["type"] == "node":
        assert not seen_edge, "a node after the edges"
        assert obj["node_id"] and obj["repo"] == "small"
        counts["node " + obj["node_kind"]] += 1
    else:
        seen_edge = True
        assert obj["type"] == "edge" and obj["src_node_id"] and obj["dst_node_id"]
        counts["edge " + obj["edge_kind"]] += 1
for key in sorted(counts):
    print(key, counts[key])
PY
)
[ "$got" = "$(view_counts small)" ] || fail "JSON Lines counts differ from the views':
$(diff <(echo "$got") <(view_counts small))"
grep -m1 '"node_kind": "CST_FUNCTION_DEF"' "$work/small.jsonl" | python3 -c 'import json, sys; o = json.load(sys.stdin); assert isinstance(o["props"], dict) and isinstance(o["line"], int), o' \
    || fail "JSON Lines: props is not an object or line not a number"
echo "ok: jsonl: $(wc -l <"$work/small.jsonl") objects, counts per kind equal the views'"

# GraphML: well-formed, every column a declared key, counts equal the views'.
codecpg export --repo small --format graphml --output "$work/small.graphml" -q
got=$(python3 - "$work/small.graphml" <<'PY'
import collections, sys, xml.etree.ElementTree as ET
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
root = ET.parse(sys.argv[1]).getroot()
keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root.findall("g:key", ns)}
assert keys["n_node_kind"] == ("node", "node_kind", "string") and keys["n_line"][2] == "int", keys
assert keys["e_confidence"][2] == "double", keys
graph = root.find("g:graph", ns)
assert graph.get("edgedefault") == "directed" and graph.get("id") == "small"
counts = collections.Counter()
for element in graph:
    data = {keys[d.get("key")][1]: d.text for d in element.findall("g:data", ns)}
    if element.tag.endswith("node"):
        counts["node " + data["node_kind"]] += 1
    else:
        assert element.get("source") and element.get("target")
        counts["edge " + data["edge_kind"]] += 1
for key in sorted(counts):
    print(key, counts[key])
PY
)
[ "$got" = "$(view_counts small)" ] || fail "GraphML counts differ from the views'"
echo "ok: graphml: well-formed, typed keys, counts per kind equal the views'"

# CSV: two files with headers, every row parsed back (values with line breaks included).
mkdir "$work/csv"
codecpg export --repo small --format csv --output "$work/csv" -q
got=$(python3 - "$work/csv" <<'PY'
import collections, csv, os, sys
counts = collections.Counter()
for name, kind in (("nodes.csv", "node"), ("edges.csv", "edge")):
    with open(os.path.join(sys.argv[1], name), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            counts[kind + " " + row[kind + "_kind"]] += 1
for key in sorted(counts):
    print(key, counts[key])
PY
)
[ "$got" = "$(view_counts small)" ] || fail "CSV counts differ from the views'"
echo "ok: csv: nodes.csv and edges.csv, counts per kind equal the views'"

# --kinds: only the kinds listed.
codecpg export --repo small --format jsonl --kinds CST_FUNCTION_DEF,CST_CLASS_DEF,PY_CALLS_QNAME -q >"$work/kinds.jsonl"
got=$(python3 -c '
import collections, json, sys
c = collections.Counter()
for line in open(sys.argv[1]):
    o = json.loads(line)
    c[o["type"] + " " + (o.get("node_kind") or o.get("edge_kind"))] += 1
print("\n".join(k + " " + str(c[k]) for k in sorted(c)))' "$work/kinds.jsonl")
[ "$got" = "$(view_counts small "AND node_kind IN ('CST_FUNCTION_DEF', 'CST_CLASS_DEF')" "AND edge_kind = 'PY_CALLS_QNAME'")" ] \
    || fail "--kinds exported: $got"
echo "ok: --kinds keeps the kinds listed"

# An unknown repository is an error, with a hint; a bad format is a usage error.
set +e
out=$(codecpg export --repo nosuch --format jsonl 2>&1); rc=$?
set -e
[ $rc = 1 ] && [[ $out == *'repository "nosuch" has no indexed files'* ]] && [[ $out == *hint:* ]] \
    || fail "unknown repository: exit $rc: $out"
set +e
codecpg export --repo small --format dot >/dev/null 2>&1; rc=$?
set -e
[ $rc = 2 ] || fail "an unknown format exited $rc, not 2"
echo "ok: unknown repository and format are errors"

# Constant memory: the peak RSS of the client exporting the large repository (about ten
# times the nodes and edges) is within a few MB of the small one's.
rss() {
    python3 - "$@" <<'PY'
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
}
small_rss=$(rss codecpg export --repo small --format jsonl -q)
large_rss=$(rss codecpg export --repo large --format graphml -q)
small_rows=$(q "SELECT (SELECT count(*) FROM codecpg.cpg_nodes WHERE repo = 'small') + (SELECT count(*) FROM codecpg.cpg_edges WHERE repo = 'small')")
large_rows=$(q "SELECT (SELECT count(*) FROM codecpg.cpg_nodes WHERE repo = 'large') + (SELECT count(*) FROM codecpg.cpg_edges WHERE repo = 'large')")
[ "$large_rows" -gt $((10 * small_rows)) ] || fail "the large repository ($large_rows rows) is not ten times the small one ($small_rows)"
[ "$large_rss" -lt $((small_rss + 8192)) ] || fail "peak RSS grew from ${small_rss} kB ($small_rows rows) to ${large_rss} kB ($large_rows rows)"
echo "ok: constant memory: ${small_rss} kB for $small_rows rows, ${large_rss} kB for $large_rows rows"
