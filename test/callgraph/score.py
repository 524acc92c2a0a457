#!/usr/bin/python3
"""Score codecpg's call graph against the micro-benchmark's hand-written ground truth.

    /usr/bin/python3 test/callgraph/score.py [--category NAME]... [--case NAME]...
        [--min-precision P] [--min-recall R] [--verbose] [--report FILE] [--keep]

Every case under test/callgraph/cases/<category>/<case>/ is indexed as its own repository
(codecpg.index_repo('cg_<category>_<case>', dir, options), server side, through psql and
the PG* environment), its call graph is read through call_graph.sql, and compared with
expected.tsv as a set of (caller, callee, kind) triples. P and R are fractions or
percentages (0.99 or 99). Exit status: 0; 1 when the total precision or recall is below
its minimum (the expected edges of a case that cannot be indexed count as missing); 2 when
the benchmark itself is malformed.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
ADAPTER = os.path.join(HERE, "call_graph.sql")
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
KINDS = {"call", "decorator", "import", "class_body", "property", "dunder"}

HEADER = """\
Call-graph micro-benchmark: codecpg.cpg_call_graph against hand-written expected.tsv
  expected  edges the case's ground truth lists      found  edges codecpg reports
  tp        edges found and expected                  precision = tp / found, recall = tp / expected
  complete  cases with no missing edge (every expected edge found)
  sound     cases with no extra edge (every edge found is expected)"""


class Malformed(Exception):
    pass


def read_expected(path):
    """The set of (caller, callee, kind) triples of an expected.tsv, checked for form."""
    edges = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3 or not all(parts) or parts[2] not in KINDS:
                raise Malformed("%s:%d: expected caller<TAB>callee<TAB>kind, got %r" % (path, number, line))
            edges.append(tuple(parts))
    if edges != sorted(edges):
        raise Malformed("%s: edges are not sorted" % path)
    if len(set(edges)) != len(edges):
        raise Malformed("%s: an edge is listed twice" % path)
    return set(edges)


def find_cases(categories, names):
    cases = []
    for category in sorted(os.listdir(CASES)):
        if categories and category not in categories:
            continue
        category_dir = os.path.join(CASES, category)
        if not os.path.isdir(category_dir):
            continue
        for case in sorted(os.listdir(category_dir)):
            case_dir = os.path.join(category_dir, case)
            if not os.path.isdir(case_dir) or (names and case not in names and "%s/%s" % (category, case) not in names):
                continue
            config = {}
            if os.path.exists(os.path.join(case_dir, "case.json")):
                with open(os.path.join(case_dir, "case.json"), encoding="utf-8") as f:
                    config = json.load(f)
            if not os.path.exists(os.path.join(case_dir, "expected.tsv")):
                raise Malformed("%s: no expected.tsv" % case_dir)
            cases.append({"category": category, "case": case, "dir": case_dir, "config": config,
                          "expected": read_expected(os.path.join(case_dir, "expected.tsv"))})
    return cases


def repo_name(case):
    return "cg_%s_%s" % (case["category"], case["case"])


def psql(script, variables):
    args = ["psql", "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1"]
    for name, value in variables.items():
        args += ["-v", "%s=%s" % (name, value)]
    return subprocess.run(args, input=script, capture_output=True, text=True)


def index_and_read(case, root):
    """(edges found, error message or None) of one case."""
    script = "\\o /dev/null\nSELECT codecpg.index_repo(:'repo', :'root', :'options');\n\\o\n\\i %s\n" % ADAPTER
    proc = psql(script, {"repo": repo_name(case), "root": root,
                         "options": json.dumps(case["config"].get("options", {}))})
    if proc.returncode != 0:
        messages = [l for l in proc.stderr.splitlines() if "ERROR" in l or "FATAL" in l]
        return set(), (messages or proc.stderr.strip().splitlines() or ["psql failed"])[0]
    found = set()
    for line in proc.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            found.add(tuple(parts))
    return found, None


def wait_for_server(seconds=60):
    """After a failure, let a restarting server come back so that one crash costs one case."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if psql("SELECT 1;\n", {}).returncode == 0:
            return
        time.sleep(1)


def ratio(part, whole):
    return part / whole if whole else 1.0


def percent(part, whole):
    return "%.1f%%" % (100.0 * part / whole) if whole else "-"


def threshold(text):
    value = float(text)
    return value / 100.0 if value > 1.0 else value


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--category", action="append", default=[], help="score only this category (repeatable)")
    parser.add_argument("--case", action="append", default=[], help="score only this case, NAME or CATEGORY/NAME (repeatable)")
    parser.add_argument("--min-precision", type=threshold, default=0.0, help="exit 1 when total precision is below (0.99 or 99)")
    parser.add_argument("--min-recall", type=threshold, default=0.0, help="exit 1 when total recall is below (0.95 or 95)")
    parser.add_argument("--verbose", action="store_true", help="also print every missing and extra edge")
    parser.add_argument("--report", default=os.path.join(REPO_ROOT, "build", "callgraph", "score.txt"),
                        help="file receiving the table and every missing and extra edge (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy of the cases")
    args = parser.parse_args()

    try:
        cases = find_cases(set(args.category), set(args.case))
    except (Malformed, ValueError) as e:
        print("score: malformed benchmark: %s" % e, file=sys.stderr)
        return 2
    if not cases:
        print("score: no case selected", file=sys.stderr)
        return 2

    # The server reads the files as its own OS user: give it a world-readable copy.
    work = tempfile.mkdtemp(prefix="codecpg-callgraph.")
    try:
        os.chmod(work, 0o755)
        details = []
        per_category = {}
        errors = 0
        for case in cases:
            copy = os.path.join(work, case["category"], case["case"])
            shutil.copytree(case["dir"], copy)
            for dirpath, dirnames, filenames in os.walk(copy):
                os.chmod(dirpath, 0o755)
                for name in filenames:
                    os.chmod(os.path.join(dirpath, name), 0o644)
            os.chmod(os.path.join(work, case["category"]), 0o755)
            root = os.path.normpath(os.path.join(copy, case["config"].get("root", ".")))
            found, error = index_and_read(case, root)
            expected = case["expected"]
            missing, extra = expected - found, found - expected
            stats = per_category.setdefault(case["category"], [0, 0, 0, 0, 0, 0])
            stats[0] += 1
            stats[1] += not missing
            stats[2] += not extra
            stats[3] += len(expected)
            stats[4] += len(found)
            stats[5] += len(expected & found)
            name = "%s/%s" % (case["category"], case["case"])
            if error:
                errors += 1
                details.append("%s: ERROR %s" % (name, error))
                wait_for_server()
            details += ["%s: missing %s" % (name, "\t".join(e)) for e in sorted(missing)]
            details += ["%s: extra   %s" % (name, "\t".join(e)) for e in sorted(extra)]
    finally:
        if args.keep:
            print("score: cases copied to %s" % work, file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)

    lines = [HEADER, ""]
    row = "%-18s %6s %9s %6s %9s %6s %6s %10s %7s"
    lines.append(row % ("category", "cases", "complete", "sound", "expected", "found", "tp", "precision", "recall"))
    totals = [0] * 6
    for category in sorted(per_category):
        s = per_category[category]
        totals = [a + b for a, b in zip(totals, s)]
        lines.append(row % (category, s[0], s[1], s[2], s[3], s[4], s[5], percent(s[5], s[4]), percent(s[5], s[3])))
    lines.append(row % ("total", totals[0], totals[1], totals[2], totals[3], totals[4], totals[5],
                        percent(totals[5], totals[4]), percent(totals[5], totals[3])))
    precision, recall = ratio(totals[5], totals[4]), ratio(totals[5], totals[3])
    verdict = []
    if precision < args.min_precision:
        verdict.append("precision %.1f%% is below the minimum %.1f%%" % (100 * precision, 100 * args.min_precision))
    if recall < args.min_recall:
        verdict.append("recall %.1f%% is below the minimum %.1f%%" % (100 * recall, 100 * args.min_recall))
    summary = "callgraph: FAILED: " + "; ".join(verdict) if verdict else \
        "callgraph: ok (precision %.1f%% >= %.1f%%, recall %.1f%% >= %.1f%%)" % (
            100 * precision, 100 * args.min_precision, 100 * recall, 100 * args.min_recall)
    if errors:
        # Their expected edges count as missing; the ERROR lines below say why.
        summary += "\ncallgraph: %d case(s) could not be indexed (see the ERROR lines)" % errors

    os.makedirs(os.path.dirname(os.path.abspath(args.report)), exist_ok=True)
    with open(args.report, "w", encoding="utf-8") as f:
        f.write("\n".join(lines + ["", summary, "", "Missing and extra edges:"] + details) + "\n")
    print("\n".join(lines))
    if args.verbose:
        print("\n".join([""] + details))
    print("\n%s\nEvery missing and extra edge: %s" % (summary, args.report))
    return 1 if verdict else 0


if __name__ == "__main__":
    sys.exit(main())
