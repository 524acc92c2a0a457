#!/usr/bin/python3
"""The Python peer of codecpg.ast_extract and codecpg.symtable_extract.

Builds the same rows as Python dicts with Python's own ast and symtable modules, for
the benchmark (time it over a corpus) and for the agreement test (dump the rows in the
text format of psql's COPY, to diff with what the extension stored).

    peer_ast_symtable.py bench ast|symtable ROOT        files, wall ms and CPU ms over every *.py under ROOT
    peer_ast_symtable.py dump ast|symtable LISTFILE     rows of each "relpath<TAB>abspath" line
    peer_ast_symtable.py qualnames LISTFILE             check def qualnames against compile()

Run it with /usr/bin/python3: the interpreter the extension embeds.
"""
import ast
import json
import os
import sys
import symtable
import time

SINGLETONS = (ast.expr_context, ast.operator, ast.boolop, ast.unaryop, ast.cmpop)
IDENT_FIELDS = ("name", "id", "arg", "attr", "module", "rest")
COMP_NAMES = {ast.ListComp: "<listcomp>", ast.SetComp: "<setcomp>",
              ast.DictComp: "<dictcomp>", ast.GeneratorExp: "<genexpr>"}
FILENAME = "<unknown>"


class Lines:
    """Byte offsets of line starts; "\\n", "\\r\\n" and a lone "\\r" end a line."""

    def __init__(self, data):
        self.data = data
        starts = [0]
        i, n = 0, len(data)
        while i < n:
            c = data[i]
            if c == 10 or c == 13:
                if c == 13 and i + 1 < n and data[i + 1] == 10:
                    i += 1
                starts.append(i + 1)
            i += 1
        self.starts = starts

    def offset(self, line0, col):
        if line0 < 0 or line0 >= len(self.starts) or col < 0:
            return None
        off = self.starts[line0] + col
        return off if off <= len(self.data) else None

    def line_end(self, line0):
        return self.starts[line0 + 1] if line0 + 1 < len(self.starts) else len(self.data)

    def codepoint_offset(self, line0, ncp):
        pos, end = self.starts[line0], self.line_end(line0)
        units = 0
        while units < ncp and pos < end:
            b = self.data[pos]
            pos += 1 if b < 0x80 else 2 if b & 0xE0 == 0xC0 else 3 if b & 0xF0 == 0xE0 else 4 if b & 0xF8 == 0xF0 else 1
            units += 1
        return min(pos, end)

    def locate(self, off):
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = lo + (hi - lo + 1) // 2
            if self.starts[mid] <= off:
                lo = mid
            else:
                hi = mid - 1
        return lo, off - self.starts[lo]

    def line_span(self, line0):
        if line0 < 0 or line0 >= len(self.starts):
            return None
        start, end = self.starts[line0], self.line_end(line0)
        while end > start and self.data[end - 1] in (10, 13):
            end -= 1
        return (start, end, line0, 0, line0, end - start)


def node_span(node, lines, bom):
    lineno = getattr(node, "lineno", None)
    col = getattr(node, "col_offset", None)
    if not isinstance(lineno, int) or not isinstance(col, int) or lineno < 1 or col < 0:
        return None
    line0 = lineno - 1
    col += bom if line0 == 0 else 0
    end_lineno = getattr(node, "end_lineno", None)
    end_col = getattr(node, "end_col_offset", None)
    if isinstance(end_lineno, int) and isinstance(end_col, int) and end_lineno >= 1 and end_col >= 0:
        end_col += bom if end_lineno == 1 else 0
        end = (lines.offset(end_lineno - 1, end_col), end_lineno - 1, end_col)
    else:
        end = (None, None, None)
    return (lines.offset(line0, col), end[0], line0, col, end[1], end[2])


def strip_bom(source):
    """Python's import skips a UTF-8 byte order mark (ast.parse of a str would reject it)."""
    return (source[1:], 3) if source.startswith("\ufeff") else (source, 0)


def storable(s):
    """PostgreSQL text holds no NUL and no lone surrogate."""
    if "\0" in s:
        return None
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return s


def scalar(v):
    if isinstance(v, int) and -(1 << 63) <= v < (1 << 63):
        return int(v)
    if isinstance(v, str) and storable(v) is not None:
        return v
    return repr(v)


def syntax_error_row(e, lines, bom):
    """SyntaxError positions to bytes: characters from the parser, bytes from the symbol table."""
    if isinstance(e, SyntaxError):
        msg = e.msg if e.msg is not None else str(e)
        char_cols = e.text is not None
        pos = [p if isinstance(p, int) and 0 <= p <= 2**31 - 1 else -1
               for p in (e.lineno, e.offset, e.end_lineno, e.end_offset)]
        lineno, offset, end_lineno, end_offset = pos
        span = None
        nlines = len(lines.starts)
        if lineno >= 1 and lineno - 1 < nlines:
            line0 = lineno - 1
            e0 = end_lineno - 1
            unit_bom = (1 if bom else 0) if char_cols else bom
            shift = unit_bom if line0 == 0 else 0
            end_shift = unit_bom if e0 == 0 else 0

            def bytecol(l0, c):
                return min(lines.starts[l0] + c, lines.line_end(l0))
            if offset < 1:
                bstart = lines.starts[line0] + (bom if line0 == 0 else 0)
            elif char_cols:
                bstart = lines.codepoint_offset(line0, offset - 1 + shift)
            else:
                bstart = bytecol(line0, offset - 1 + shift)
            bend = -1
            if end_lineno >= 1 and end_lineno - 1 < nlines and end_offset >= 1:
                if not char_cols:
                    bend = bytecol(e0, end_offset - 1 + end_shift)
                elif e0 == line0:
                    bend = lines.codepoint_offset(e0, end_offset - 1 + end_shift)
                else:
                    on_first = lines.codepoint_offset(line0, end_offset - 1 + shift)
                    first_bytes = on_first - lines.starts[line0] - (bom if line0 == 0 else 0)
                    if on_first < lines.line_end(line0):
                        bend = bytecol(e0, first_bytes + end_shift)
                    else:
                        bend = lines.codepoint_offset(e0, end_offset - 1 + end_shift)
            if bend < bstart:
                bend = bstart
            span = (bstart, bend) + lines.locate(bstart) + lines.locate(bend)
        attrs = None
        if lineno >= 1:
            attrs = {"lineno": lineno, "offset": offset if offset >= 0 else None,
                     "end_lineno": end_lineno if end_lineno >= 0 else None,
                     "end_offset": end_offset if end_offset >= 0 else None,
                     "offset_unit": "character" if char_cols else "byte"}
        return {"error_type": type(e).__name__, "message": msg, "span": span, "attrs": attrs}
    return {"error_type": type(e).__name__, "message": str(e), "span": None, "attrs": None}


class Scope:
    def __init__(self, parent, kind, name, may_be_global):
        self.parent, self.kind, self.globals = parent, kind, set()
        if parent is None:
            self.qualname = None
        elif parent.kind == "module" or (may_be_global and name in parent.globals):
            self.qualname = name
        elif parent.kind in ("function", "lambda"):
            self.qualname = parent.qualname + ".<locals>." + name
        else:
            self.qualname = parent.qualname + "." + name


def ast_rows(source):
    """The rows of codecpg.ast_extract for one source text."""
    lines = Lines(source.encode("utf-8"))
    out = {"nodes": [], "errors": [], "defs": [], "imports": [], "calls": [],
           "docstrings": [], "type_ignores": []}
    text, bom = strip_bom(source)
    try:
        tree = ast.parse(text, FILENAME, type_comments=True)
    except Exception as e:  # SyntaxError, RecursionError, MemoryError, ...
        out["errors"].append(syntax_error_row(e, lines, bom))
        return out
    nodes = out["nodes"]
    stack = [(tree, None, -1, None, None, Scope(None, "module", None, False), None)]
    while stack:
        node, parent, parent_id, field, pos, scope, outer = stack.pop()
        nid = len(nodes)
        cls = type(node)
        span = node_span(node, lines, bom) if "lineno" in cls._attributes else None
        own = None
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            is_lambda = isinstance(node, ast.Lambda)
            name = "<lambda>" if is_lambda else node.name
            own = Scope(scope, "lambda" if is_lambda else "class" if isinstance(node, ast.ClassDef) else "function",
                        name, not is_lambda)
            out["defs"].append({"ast_id": nid, "kind": cls.__name__, "name": name, "qualname": own.qualname,
                                "span": span,
                                "attrs": None if is_lambda else {"decorator_count": len(node.decorator_list)}})
        elif cls in COMP_NAMES:
            own = Scope(scope, "comp", COMP_NAMES[cls], False)
        elif isinstance(node, ast.alias) and isinstance(parent, (ast.Import, ast.ImportFrom)):
            imp = isinstance(parent, ast.Import)
            out["imports"].append({"ast_id": nid, "kind": type(parent).__name__,
                                   "module": node.name if imp else parent.module, "name": node.name,
                                   "asname": node.asname, "level": 0 if imp else max(parent.level or 0, 0),
                                   "span": span})
        elif isinstance(node, ast.Call):
            fspan = node_span(node.func, lines, bom)
            text = None
            if fspan and fspan[0] is not None and fspan[1] is not None and fspan[1] >= fspan[0]:
                text = lines.data[fspan[0]:fspan[1]].decode("utf-8")
            parts, f = [], node.func
            while isinstance(f, ast.Attribute):
                parts.append(f.attr)
                f = f.value
            dotted = ".".join([f.id] + parts[::-1]) if isinstance(f, ast.Name) else None
            out["calls"].append({"ast_id": nid, "func_kind": type(node.func).__name__, "func_text": text,
                                 "func_dotted": dotted, "arg_count": len(node.args),
                                 "keyword_count": len(node.keywords), "span": span})
        elif isinstance(node, ast.Expr):
            if (pos == 0 and field == "body"
                    and isinstance(parent, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                    and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
                out["docstrings"].append({"owner_ast_id": parent_id, "owner_kind": type(parent).__name__,
                                          "docstring": storable(node.value.value),
                                          "span": node_span(node.value, lines, bom)})
        elif isinstance(node, ast.TypeIgnore):
            out["type_ignores"].append({"line0": node.lineno - 1, "tag": node.tag,
                                        "span": lines.line_span(node.lineno - 1)})
        elif isinstance(node, ast.Global):
            scope.globals.update(node.names)

        name = value = None
        attrs = {}
        children = []
        ident_seen = False
        for f in cls._fields:
            v = getattr(node, f, None)
            is_ident = f in IDENT_FIELDS and not ident_seen
            ident_seen = ident_seen or f in IDENT_FIELDS
            if v is None:
                continue
            if isinstance(v, ast.AST):
                if isinstance(v, SINGLETONS):
                    attrs[f] = type(v).__name__
                else:
                    children.append((v, f, None))
            elif isinstance(v, list):
                arr = None
                for i, e in enumerate(v):
                    if e is None:
                        continue
                    if isinstance(e, ast.AST) and not isinstance(e, SINGLETONS):
                        children.append((e, f, i))
                    else:
                        if arr is None:
                            arr = attrs[f] = []
                        arr.append(type(e).__name__ if isinstance(e, ast.AST) else scalar(e))
            elif f == "value":
                value = repr(v)
            elif is_ident and isinstance(v, str):
                name = storable(v)
            else:
                attrs[f] = scalar(v)
        nodes.append({"ast_id": nid, "parent_ast_id": None if parent_id < 0 else parent_id, "kind": cls.__name__,
                      "name": name, "value": value, "field_name": field, "field_pos": pos, "span": span,
                      "attrs": attrs or None})
        for child, f, i in reversed(children):
            if own is None:
                cscope, couter = scope, None
            elif cls in COMP_NAMES:
                cscope, couter = own, (scope if i == 0 and f == "generators" else None)
            else:
                cscope, couter = (own if f == "body" else scope), None
            if isinstance(node, ast.comprehension):
                cscope = outer if (outer is not None and f == "iter") else scope
            stack.append((child, node, nid, f, i, cscope, couter))
    return out


def ordered_symbols(t):
    """get_symbols() with the names a table only passes through to nested tables (flags
    exactly FREE) last and sorted: CPython appends them in str-set order, which depends
    on the hash seed."""
    passthrough = symtable.FREE << symtable.SCOPE_OFF
    raw = t._table.symbols
    syms = t.get_symbols()
    return ([s for s in syms if raw[s.get_name()] != passthrough]
            + sorted((s for s in syms if raw[s.get_name()] == passthrough),
                     key=lambda s: s.get_name().encode("utf-8")))


def symtable_rows(source):
    """The rows of codecpg.symtable_extract for one source text, from the symtable module."""
    lines = Lines(source.encode("utf-8"))
    out = {"blocks": [], "errors": []}
    text, bom = strip_bom(source)
    try:
        top = symtable.symtable(text, FILENAME, "exec")
    except Exception as e:
        out["errors"].append(syntax_error_row(e, lines, bom))
        return out
    order = []
    stack = [(top, None, None)]
    while stack:
        t, parent, parent_path = stack.pop()
        qual = t.get_name() if parent_path is None else parent_path + "." + t.get_name()
        order.append((t, parent, qual))
        for c in reversed(t.get_children()):
            stack.append((c, len(order) - 1, qual))
    ids = {t.get_id(): i for i, (t, _, _) in enumerate(order)}
    scope_names = {symtable.LOCAL: "LOCAL", symtable.GLOBAL_EXPLICIT: "GLOBAL_EXPLICIT",
                   symtable.GLOBAL_IMPLICIT: "GLOBAL_IMPLICIT", symtable.FREE: "FREE", symtable.CELL: "CELL"}
    for i, (t, parent, qual) in enumerate(order):
        symbols = []
        raw = t._table.symbols
        for s in ordered_symbols(t):
            flags = raw[s.get_name()]
            scope = (flags >> symtable.SCOPE_OFF) & symtable.SCOPE_MASK
            attrs = {"flags": flags}
            if scope in scope_names:
                attrs["scope"] = scope_names[scope]
            ns = [ids[n.get_id()] for n in s.get_namespaces()]
            symbols.append({"name": s.get_name(), "is_referenced": s.is_referenced(), "is_imported": s.is_imported(),
                            "is_parameter": s.is_parameter(), "is_type_parameter": False,
                            "is_global": s.is_global(), "is_nonlocal": s.is_nonlocal(),
                            "is_declared_global": s.is_declared_global(), "is_local": s.is_local(),
                            "is_annotated": s.is_annotated(), "is_free": s.is_free(), "is_assigned": s.is_assigned(),
                            "is_namespace": s.is_namespace(), "namespace_count": len(ns),
                            "namespace_block_ids": ns, "attrs": attrs})
        is_function = t.get_type() == "function"
        partitions = None
        if is_function:
            rank = {s.get_name(): i for i, s in enumerate(ordered_symbols(t))}
            partitions = {k: sorted(getattr(t, "get_" + k)(), key=rank.__getitem__)
                          for k in ("parameters", "locals", "globals", "nonlocals", "frees")}
        out["blocks"].append({
            "block_id": i, "parent_block_id": parent, "block_type": t.get_type(), "name": t.get_name(),
            "lineno1": t.get_lineno(), "span_hint": lines.line_span(t.get_lineno() - 1), "qualpath": qual,
            "function_partitions": partitions,
            "class_methods": list(t.get_methods()) if t.get_type() == "class" else None,
            "is_meta_scope": is_function and ".0" in t.get_identifiers(),
            "symbols": symbols,
            "attrs": {"is_nested": t.is_nested(), "is_optimized": t.is_optimized(),
                      "has_children": t.has_children()}})
    return out


# ---- dumping in psql's COPY text format -------------------------------------------

def jsonb_text(obj):
    """jsonb's output: keys ordered by length then bytes, ", " and ": " separators."""
    if isinstance(obj, dict):
        keys = sorted(obj, key=lambda k: (len(k.encode("utf-8")), k.encode("utf-8")))
        return "{" + ", ".join(json.dumps(k, ensure_ascii=False) + ": " + jsonb_text(obj[k]) for k in keys) + "}"
    if isinstance(obj, list):
        return "[" + ", ".join(jsonb_text(v) for v in obj) + "]"
    return json.dumps(obj, ensure_ascii=False)


def cell(v):
    if v is None:
        return "\\N"
    if isinstance(v, bool):
        return "t" if v else "f"
    if isinstance(v, (dict,)):
        v = jsonb_text(v)
    elif isinstance(v, list):
        v = ",".join(str(x) for x in v)  # array_to_string(v, ',') on the SQL side
    return str(v).replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def span_cells(span):
    return list(span) if span else [None] * 6


def line(*cells):
    return "\t".join(cell(c) for c in cells)


def dump_ast(path, rows):
    for n in rows["nodes"]:
        yield line("N", path, n["ast_id"], n["parent_ast_id"], n["kind"], n["name"], n["value"], n["field_name"],
                   n["field_pos"], *span_cells(n["span"]), n["attrs"])
    for d in rows["defs"]:
        yield line("D", path, d["ast_id"], d["kind"], d["name"], d["qualname"], *span_cells(d["span"]), d["attrs"])
    for i in rows["imports"]:
        yield line("I", path, i["ast_id"], i["kind"], i["module"], i["name"], i["asname"], i["level"],
                   *span_cells(i["span"]))
    for c in rows["calls"]:
        yield line("C", path, c["ast_id"], c["func_kind"], c["func_text"], c["func_dotted"], c["arg_count"],
                   c["keyword_count"], *span_cells(c["span"]))
    for d in rows["docstrings"]:
        yield line("S", path, d["owner_ast_id"], d["owner_kind"], d["docstring"], *span_cells(d["span"]))
    for t in rows["type_ignores"]:
        yield line("T", path, t["line0"], t["tag"], *span_cells(t["span"]))
    for e in rows["errors"]:
        yield line("E", path, e["error_type"], e["message"], *span_cells(e["span"]), e["attrs"])


def dump_symtable(path, rows):
    for b in rows["blocks"]:
        p = b["function_partitions"] or {}
        yield line("B", path, b["block_id"], b["parent_block_id"], b["block_type"], b["name"], b["lineno1"],
                   b["qualpath"], b["is_meta_scope"], *span_cells(b["span_hint"]),
                   *(p.get(k) for k in ("parameters", "locals", "globals", "nonlocals", "frees")),
                   b["class_methods"], b["attrs"])
        for s in b["symbols"]:
            yield line("Y", path, b["block_id"], s["name"],
                       *(s[k] for k in ("is_referenced", "is_imported", "is_parameter", "is_type_parameter",
                                        "is_global", "is_nonlocal", "is_declared_global", "is_local",
                                        "is_annotated", "is_free", "is_assigned", "is_namespace")),
                       s["namespace_count"], s["namespace_block_ids"], s["attrs"])
    for e in rows["errors"]:
        yield line("E", path, e["error_type"], e["message"], *span_cells(e["span"]), e["attrs"])


def read_source(abspath):
    # The text the extension sees: the file's UTF-8, newlines untouched.
    with open(abspath, "rb") as f:
        return f.read().decode("utf-8")


def check_qualnames(listfile):
    """Def qualnames from the AST against the compiler's own co_qualname, per (name, line)."""
    bad = 0
    for entry in open(listfile, encoding="utf-8"):
        rel, abspath = entry.rstrip("\n").split("\t")
        source = read_source(abspath)
        try:
            code = compile(strip_bom(source)[0], FILENAME, "exec", dont_inherit=True)
        except Exception:
            continue
        from_code = {}
        todo = [code]
        while todo:
            co = todo.pop()
            for c in co.co_consts:
                if hasattr(c, "co_qualname"):
                    if not c.co_name.startswith("<") or c.co_name == "<lambda>":
                        from_code.setdefault((c.co_name, c.co_firstlineno), []).append(c.co_qualname)
                    todo.append(c)
        tree = ast.parse(strip_bom(source)[0], FILENAME)
        firstline = {}
        for n in ast.walk(tree):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                firstline[(n.lineno, n.col_offset)] = min([n.lineno] + [d.lineno for d in n.decorator_list])
        from_ast = {}
        rows = ast_rows(source)
        for d in rows["defs"]:
            n = rows["nodes"][d["ast_id"]]
            line1 = n["span"][2] + 1
            first = firstline.get((line1, n["span"][3]), line1)
            from_ast.setdefault((d["name"], first), []).append(d["qualname"])
        for key in from_code:
            if sorted(from_code[key]) != sorted(from_ast.get(key, [])):
                print(f"{rel}: {key}: compiler {sorted(from_code[key])} ast {sorted(from_ast.get(key, []))}")
                bad += 1
    return bad


def main(argv):
    if len(argv) == 4 and argv[1] == "bench":
        build = ast_rows if argv[2] == "ast" else symtable_rows
        # The files find -type f lists (the benchmark corpus): regular files, no symlinks.
        files = sorted(p for p in (os.path.join(d, f) for d, _, fs in os.walk(argv[3]) for f in fs)
                       if p.endswith(".py") and os.path.isfile(p) and not os.path.islink(p))
        sources = [read_source(p) for p in files]
        t0, c0 = time.perf_counter(), time.process_time()
        for s in sources:
            build(s)
        ms = (time.perf_counter() - t0) * 1000
        cpu_ms = (time.process_time() - c0) * 1000
        print(f"{len(files)}\t{ms:.1f}\t{cpu_ms:.1f}")
        return 0
    if len(argv) == 4 and argv[1] == "dump":
        build, dump = (ast_rows, dump_ast) if argv[2] == "ast" else (symtable_rows, dump_symtable)
        out = sys.stdout
        for entry in open(argv[3], encoding="utf-8"):
            rel, abspath = entry.rstrip("\n").split("\t")
            for row in dump(rel, build(read_source(abspath))):
                out.write(row + "\n")
        return 0
    if len(argv) == 3 and argv[1] == "qualnames":
        return 1 if check_qualnames(argv[2]) else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
