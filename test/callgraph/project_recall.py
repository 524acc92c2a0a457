#!/usr/bin/python3
"""Recall of codecpg's call graph on a real project, against what a workload runs (a
developer tool, never run by the test suite).

    project_recall.py trace --root DIR --package NAME[,NAME...] WORKLOAD.py OUT.tsv
    project_recall.py compare --repo REPO TRACE.tsv        (psql's PG* settings apply)

`trace` runs WORKLOAD.py with DIR first on sys.path under sys.setprofile and writes every
call between two functions of the named packages (both ends in DIR/<package>/) as
caller<TAB>callee, named as codecpg names scopes (module.qualname, <locals> kept,
comprehensions folded into their owner). It runs the workload and the project: use it on
code you trust, as with test/callgraph/trace.py. `compare` reads the repository's
cpg_call_graph and prints how many traced edges it holds (recall) and each one it misses,
marked [name?] when an end is no scope the graph has at all.

A trace is a lower bound of the truth: only what the run takes is seen, and edges whose
caller is C code or the workload are not. It measures recall, never precision.
"""
import argparse
import os
import runpy
import subprocess
import sys

COMPREHENSIONS = {"<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>"}
GENERATOR_LIKE = 0x20 | 0x80 | 0x200  # generator, coroutine, async generator


def scope_name(code, module_globals):
    module = module_globals.get("__name__", "?")
    qualname = code.co_qualname
    while qualname.rsplit(".", 1)[-1] in COMPREHENSIONS:
        qualname = qualname.rsplit(".<locals>.", 1)[0] if ".<locals>." in qualname else "<module>"
    return module if qualname == "<module>" else module + "." + qualname


def trace(args):
    root = os.path.realpath(args.root)
    prefixes = tuple(os.path.join(root, p) + os.sep for p in args.package.split(","))
    sys.path.insert(0, root)
    edges = set()

    def profile(frame, event, arg):
        if event != "call":
            return
        code = frame.f_code
        caller = frame.f_back
        if (not code.co_filename.startswith(prefixes) or caller is None
                or not caller.f_code.co_filename.startswith(prefixes)
                or code.co_name == "<module>" or code.co_name in COMPREHENSIONS):
            return
        # a generator resumed again is no new call
        if frame.f_lasti > 0 and code.co_flags & GENERATOR_LIKE:
            return
        edges.add((scope_name(caller.f_code, caller.f_globals), scope_name(code, frame.f_globals)))

    sys.setprofile(profile)
    try:
        runpy.run_path(args.workload, run_name="__main__")
    finally:
        sys.setprofile(None)
    with open(args.out, "w") as out:
        for caller, callee in sorted(edges):
            out.write(caller + "\t" + callee + "\n")
    print("%d edges traced into %s" % (len(edges), args.out), file=sys.stderr)
    return 0


def compare(args):
    query = ("SELECT DISTINCT caller, callee FROM codecpg.cpg_call_graph(%s) WHERE NOT callee_external"
             % ("'" + args.repo.replace("'", "''") + "'"))
    rows = subprocess.run(["psql", "-X", "-At", "-F", "\t", "-c", query],
                          capture_output=True, text=True, check=True).stdout
    found = {tuple(line.split("\t")) for line in rows.splitlines() if line}
    scopes = {name for edge in found for name in edge}
    with open(args.trace) as f:
        traced = {tuple(line.rstrip("\n").split("\t")) for line in f if line.strip()}
    missed = sorted(traced - found)
    hit = len(traced) - len(missed)
    print("%s: %d traced edges, %d in the graph, recall %.1f%%"
          % (args.repo, len(traced), hit, 100.0 * hit / max(len(traced), 1)))
    for caller, callee in missed:
        unknown = "" if caller in scopes and callee in scopes else "  [name?]"
        print("  missing %s -> %s%s" % (caller, callee, unknown))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("trace", help="run a workload and record the project's calls")
    t.add_argument("--root", required=True, help="the directory holding the package(s), put first on sys.path")
    t.add_argument("--package", required=True, help="comma-separated package names under the root")
    t.add_argument("workload")
    t.add_argument("out")
    c = sub.add_parser("compare", help="recall of a repository's graph against a trace")
    c.add_argument("--repo", required=True)
    c.add_argument("trace")
    args = parser.parse_args()
    return trace(args) if args.command == "trace" else compare(args)


if __name__ == "__main__":
    sys.exit(main())
