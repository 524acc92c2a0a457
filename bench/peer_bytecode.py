#!/usr/bin/python3
"""Python's own modules doing what codecpg.bytecode_extract does, for the benchmark and
for the agreement test (test/shell/bc_agreement.sh).

  peer_bytecode.py bench ROOT LISTFILE     compile + dis + exception table + blocks/edges
                                           into dicts for every listed file; prints
                                           "files N", "instructions M", "seconds S"
                                           (wall) and "cpu_seconds C" (process time)
  peer_bytecode.py dump ROOT RELPATH...    canonical lines (code units, instructions with
                                           their CACHE entries, exception table, line
                                           starts) as dis reports them, then the basic
                                           blocks and CFG edges computed here by the rules
                                           bytecode_extract documents (a second,
                                           independent implementation)

Run it with /usr/bin/python3: the CPython that the extension embeds.
The only normalisations are the ones bytecode_extract documents for constant reprs:
code objects without their address, frozensets with sorted elements, ints too long for
repr() in hexadecimal, reprs cut after 1 MiB.
"""
import bisect
import dis
import sys
import time
import types

REPR_MAX = 1024 * 1024
CONVERSIONS = {None: None, str: "str", repr: "repr", ascii: "ascii"}
UNCOND = {"JUMP_FORWARD", "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT"}
STOP = {"RETURN_VALUE", "RAISE_VARARGS", "RERAISE"}
JUMPS = set(dis.hasjrel) | set(dis.hasjabs)


def clip_utf8(s, limit):
    b = s.encode("utf-8", "backslashreplace")
    if len(b) <= limit:
        return s
    return b[:limit].decode("utf-8", "ignore") + "..."


def const_repr(value):
    if isinstance(value, types.CodeType):
        return "<code object %s>" % value.co_name
    if type(value) is frozenset:
        items = sorted(repr(v) for v in value)
        return "frozenset({%s})" % ", ".join(items) if items else "frozenset()"
    try:
        text = repr(value)
    except ValueError:
        text = hex(value) if isinstance(value, int) else "<%s>" % type(value).__name__
    return clip_utf8(text, REPR_MAX)


def text_ok(s):
    try:
        return "\x00" not in s and len(s.encode("utf-8")) <= REPR_MAX
    except UnicodeEncodeError:
        return False


def argval_fields(ins, code_ids):
    """(argval_kind, argval_int, argval_str) as bytecode_extract stores dis's argval."""
    if ins.arg is None:
        return None, None, None
    v = ins.argval
    if v is dis.UNKNOWN:
        return "unknown", None, None
    if ins.opname == "FORMAT_VALUE":
        return "tuple", int(v[1]), CONVERSIONS[v[0]]
    if isinstance(v, types.CodeType):
        return "code", code_ids[id(v)], None
    if isinstance(v, bool):
        return "bool", int(v), None
    if isinstance(v, int):
        return "int", v if -2**63 <= v < 2**63 else None, None
    if isinstance(v, str):
        return "str", None, v if text_ok(v) else None
    return type(v).__name__, None, None


def code_tree(module):
    """Preorder (dis._disassemble_recursive order) with parent ids."""
    out = []
    stack = [(module, None)]
    while stack:
        co, parent = stack.pop()
        out.append((co, parent))
        me = len(out) - 1
        stack.extend((c, me) for c in reversed(co.co_consts) if isinstance(c, types.CodeType))
    return out


def blocks_and_edges(instrs, exc, code_len):
    """Basic blocks and CFG edges, by the rules bytecode_extract documents."""
    leaders = {0}
    handlers = {e.target for e in exc}
    for ins in instrs:
        end = ins["end_offset"]
        if ins["jump_target"] is not None:
            leaders.add(ins["jump_target"])
        if (ins["jump_target"] is not None or ins["opname"] in STOP) and end < code_len:
            leaders.add(end)
    leaders |= {t for t in handlers if t < code_len}
    blocks = []
    for i, ins in enumerate(instrs):
        if i == 0 or ins["offset"] in leaders:
            off = ins["offset"]
            kind = "entry" if off == 0 else "handler" if off in handlers else "normal"
            blocks.append({"start": off, "kind": kind, "first": i})
        blocks[-1]["last"] = i
    for b, nxt in zip(blocks, blocks[1:] + [None]):
        b["end"] = nxt["start"] if nxt else code_len
    starts = [b["start"] for b in blocks]

    def containing(off):
        return bisect.bisect_right(starts, off) - 1

    edges = []
    for k, b in enumerate(blocks):
        last = instrs[b["last"]]
        nxt = k + 1 if k + 1 < len(blocks) else None
        if last["jump_target"] is not None:
            dst = containing(last["jump_target"])
            if last["opname"] in UNCOND:
                edges.append(("jump", k, dst, None, None))
            else:
                if nxt is not None:
                    edges.append(("next", k, nxt, b["last"], None))
                edges.append(("branch", k, dst, b["last"], None))
        elif last["opname"] not in STOP and nxt is not None:
            edges.append(("next", k, nxt, None, None))
        for e_index, e in enumerate(exc):
            if e.start < b["end"] and b["start"] < e.end:
                edges.append(("exc", k, containing(e.target), None, e_index))
    return blocks, edges


def extract(path, source):
    """The same facts bytecode_extract returns, as dicts."""
    if source.startswith("\ufeff"):
        source = source[1:]
    try:
        module = compile(source, path, "exec", dont_inherit=True)
    except (SyntaxError, MemoryError, RecursionError, ValueError) as e:
        return {"code_objects": [], "errors": [{"error_type": type(e).__name__, "message": str(e)}]}
    tree = code_tree(module)
    code_ids = {id(co): i for i, (co, _) in enumerate(tree)}
    units = []
    for code_id, (co, parent) in enumerate(tree):
        instrs = []
        for ins in dis.get_instructions(co, show_caches=True):
            if ins.opname == "CACHE":
                instrs[-1]["caches"].append(ins)
                instrs[-1]["end_offset"] = ins.offset + 2
                continue
            kind, ival, sval = argval_fields(ins, code_ids)
            jump = ins.argval if ins.opcode in JUMPS else None
            argrepr = const_repr(ins.argval) if ins.opname == "LOAD_CONST" else ins.argrepr
            instrs.append({
                "offset": ins.offset, "end_offset": ins.offset + 2, "opname": ins.opname,
                "opcode": ins.opcode, "arg": ins.arg, "argval_kind": kind, "argval_int": ival,
                "argval_str": sval, "argrepr": argrepr, "starts_line": ins.starts_line,
                "is_jump_target": ins.is_jump_target, "jump_target": jump,
                "positions": tuple(ins.positions), "caches": [],
            })
        exc = dis._parse_exception_table(co)
        blocks, edges = blocks_and_edges(instrs, exc, len(co.co_code))
        units.append({
            "code_id": code_id, "parent": parent, "qualname": co.co_qualname, "name": co.co_name,
            "firstlineno": co.co_firstlineno, "argcount": co.co_argcount,
            "posonlyargcount": co.co_posonlyargcount, "kwonlyargcount": co.co_kwonlyargcount,
            "nlocals": co.co_nlocals, "flags": co.co_flags, "stacksize": co.co_stacksize,
            "code_len": len(co.co_code), "varnames": co.co_varnames, "freevars": co.co_freevars,
            "cellvars": co.co_cellvars, "names": co.co_names,
            "consts": [const_repr(c) for c in co.co_consts],
            "instructions": instrs, "exception_table": exc,
            "line_table": list(dis.findlinestarts(co)), "blocks": blocks, "edges": edges,
        })
    return {"code_objects": units, "errors": []}


def esc(value):
    if value is None:
        return "None"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def pos(p):
    return "\t".join(esc(v) for v in p)


def dump(path, result):
    out = []
    for u in result["code_objects"]:
        cid = u["code_id"]
        out.append("\t".join(["C", path, str(cid), esc(u["parent"]), esc(u["qualname"]), esc(u["name"])]
                             + [str(u[k]) for k in ("firstlineno", "argcount", "posonlyargcount",
                                                     "kwonlyargcount", "nlocals", "flags",
                                                     "stacksize", "code_len")]
                             + [esc(",".join(u[k])) for k in ("varnames", "freevars", "cellvars", "names")]
                             + [esc(" | ".join(u["consts"]))]))
        for ins in u["instructions"]:
            out.append("\t".join(["I", path, str(cid), str(ins["offset"]), ins["opname"], esc(ins["arg"]),
                                  esc(ins["argval_kind"]), esc(ins["argval_int"]), esc(ins["argval_str"]),
                                  esc(ins["argrepr"]), str(ins["is_jump_target"]), esc(ins["starts_line"]),
                                  pos(ins["positions"])]))
            for c in ins["caches"]:
                out.append("\t".join(["I", path, str(cid), str(c.offset), "CACHE", "0", "None", "None",
                                      "None", "", "False", "None", pos(c.positions)]))
        for e in u["exception_table"]:
            out.append("\t".join(["E", path, str(cid), str(e.start), str(e.end), str(e.target),
                                  str(e.depth), str(e.lasti)]))
        for off, line in u["line_table"]:
            out.append("\t".join(["L", path, str(cid), str(off), str(line)]))
        blocks = u["blocks"]
        for b in blocks:
            out.append("\t".join(["B", path, str(cid), str(b["start"]), str(b["end"]), b["kind"]]))
        edges = sorted(u["edges"], key=lambda e: (blocks[e[1]]["start"], e[0], blocks[e[2]]["start"],
                                                  -1 if e[4] is None else e[4]))
        for kind, src, dst, cond, exc_index in edges:
            cond_offset = None if cond is None else u["instructions"][cond]["offset"]
            out.append("\t".join(["G", path, str(cid), kind, str(blocks[src]["start"]), str(blocks[src]["end"]),
                                  str(blocks[dst]["start"]), str(blocks[dst]["end"]), esc(cond),
                                  esc(cond_offset), esc(exc_index)]))
    for e in result["errors"]:
        out.append("\t".join(["X", path, e["error_type"]]))
    return out


def read_source(root, rel):
    with open(root + "/" + rel, "rb") as f:
        return f.read().decode("utf-8")


def main(argv):
    if len(argv) >= 3 and argv[1] == "bench":
        root = argv[2]
        with open(argv[3]) as f:
            files = [line.strip() for line in f if line.strip()]
        sources = [(rel, read_source(root, rel)) for rel in files]
        t0 = time.perf_counter()
        c0 = time.process_time()
        ninstr = 0
        for rel, src in sources:
            result = extract(rel, src)
            ninstr += sum(len(u["instructions"]) for u in result["code_objects"])
        seconds = time.perf_counter() - t0
        cpu_seconds = time.process_time() - c0
        print("files\t%d" % len(sources))
        print("instructions\t%d" % ninstr)
        print("seconds\t%.3f" % seconds)
        print("cpu_seconds\t%.3f" % cpu_seconds)
        return 0
    if len(argv) >= 3 and argv[1] == "dump":
        root = argv[2]
        for rel in argv[3:]:
            for line in dump(rel, extract(rel, read_source(root, rel))):
                print(line)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
