#!/usr/bin/python3
"""Observe the call graph of a micro-benchmark case by running it (a developer tool).

    /usr/bin/python3 test/callgraph/trace.py [--diff] CASE_DIR...

Runs each case's entry module (main.py of the indexed root, or case.json's "entry") in a
subprocess with the right directory first on sys.path, under sys.setprofile, and prints
the edges it saw in the form of expected.tsv (caller, callee, kind). With --diff it prints
only the differences from the case's expected.tsv ("-" expected but not seen, "+" seen but
not expected). Only edges whose caller is code of the case are kept, as in expected.tsv.

The tracer runs the code of the case: it is for the cases of this benchmark, which are
written to be run, never for user code. Its view differs from the static ground truth in
known ways (see README.md): only paths the run takes are seen; external callees are named
where they are defined (posixpath.join, not os.path.join); calls of builtin types (str(),
super(), Exception()) and their methods are not reported by c_call; a generator's body
is attributed to whoever first resumes it.
"""
import dis
import json
import os
import subprocess
import sys

CO_NEWLOCALS = 0x2
CO_GENERATOR_LIKE = 0x20 | 0x80 | 0x200  # generator, coroutine, async generator

COMPREHENSIONS = {"<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>"}
IMPLICIT_CALL_DUNDERS = {"__init__", "__new__", "__call__"}
DUNDER_OPS = {
    "BINARY_OP", "COMPARE_OP", "CONTAINS_OP", "BINARY_SUBSCR", "STORE_SUBSCR", "DELETE_SUBSCR",
    "FOR_ITER", "GET_ITER", "BEFORE_WITH", "BEFORE_ASYNC_WITH", "GET_AITER", "GET_ANEXT",
    "GET_AWAITABLE", "FORMAT_VALUE", "UNARY_NEGATIVE", "UNARY_POSITIVE", "UNARY_INVERT",
    "UNARY_NOT", "POP_JUMP_FORWARD_IF_TRUE", "POP_JUMP_FORWARD_IF_FALSE",
    "POP_JUMP_BACKWARD_IF_TRUE", "POP_JUMP_BACKWARD_IF_FALSE", "JUMP_IF_TRUE_OR_POP",
    "JUMP_IF_FALSE_OR_POP", "WITH_EXCEPT_START", "END_ASYNC_FOR", "BUILD_MAP", "MAP_ADD",
    "BUILD_SET", "SET_ADD", "SET_UPDATE", "DICT_MERGE", "DICT_UPDATE", "LIST_EXTEND", "UNPACK_SEQUENCE",
    "UNPACK_EX", "SEND", "YIELD_VALUE", "GET_YIELD_FROM_ITER", "RETURN_VALUE", "PRINT_EXPR",
}
PROPERTY_OPS = {"LOAD_ATTR", "STORE_ATTR", "DELETE_ATTR", "LOAD_METHOD"}


def case_layout(case_dir):
    """(indexed root, sys.path entry, entry module name) of a case, by the README's rules."""
    config = {}
    config_path = os.path.join(case_dir, "case.json")
    if os.path.exists(config_path):
        with open(config_path) as f:
            config = json.load(f)
    root = os.path.normpath(os.path.join(case_dir, config.get("root", ".")))
    if os.path.exists(os.path.join(root, "__init__.py")) or config.get("options", {}).get("package"):
        path_entry = os.path.dirname(root)
    elif os.path.isdir(os.path.join(root, "src")) and not os.path.exists(os.path.join(root, "src", "__init__.py")):
        path_entry = os.path.join(root, "src")
    else:
        path_entry = root
    entry = config.get("entry")
    if entry is None:
        entry_file = os.path.join(root, "main.py")
        rel = os.path.relpath(entry_file, path_entry)[:-3]
        entry = rel.replace(os.sep, ".")
    return root, path_entry, entry


def run_child(path_entry, entry):
    """In the subprocess: import the entry module under the profiler, print the edges."""
    import ast
    import builtins
    import importlib
    import importlib.util

    sys.path.insert(0, path_entry)
    project_prefix = os.path.realpath(path_entry) + os.sep
    edges = set()
    source_lines = {}

    def module_of(frame):
        return frame.f_globals.get("__name__", "?")

    def is_project(frame):
        filename = frame.f_code.co_filename
        return os.path.isabs(filename) and os.path.realpath(filename).startswith(project_prefix)

    def scope_name(frame):
        code = frame.f_code
        module = module_of(frame)
        qualname = code.co_qualname
        # Comprehensions and generator expressions belong to the scope around them.
        while qualname.rsplit(".", 1)[-1] in COMPREHENSIONS:
            qualname = qualname.rsplit(".<locals>.", 1)[0] if ".<locals>." in qualname else "<module>"
        if qualname == "<module>":
            return module
        name = module + "." + qualname
        if code.co_name == "<lambda>":
            name += "@%d" % code.co_firstlineno
        return name

    def is_machinery(frame):
        filename = frame.f_code.co_filename
        return filename.startswith(("<frozen importlib", "<frozen zipimport")) or module_of(frame).startswith(("importlib", "zipimport"))

    def line_text(filename, lineno):
        if filename not in source_lines:
            try:
                with open(filename, encoding="utf-8") as f:
                    source_lines[filename] = f.read().splitlines()
            except OSError:
                source_lines[filename] = []
        lines = source_lines[filename]
        return lines[lineno - 1] if 0 < lineno <= len(lines) else ""

    def instruction_at(frame):
        """The caller's current instruction and the one before it (PRECALL and caches skipped)."""
        # f_lasti points into the inline caches of a CALL: the instruction is the last one
        # starting at or before it.
        current = previous = None
        for ins in dis.get_instructions(frame.f_code):
            if ins.offset > frame.f_lasti:
                break
            if current is not None and current.opname not in ("PRECALL", "KW_NAMES"):
                previous = current
            current = ins
        return current, previous

    def call_text(frame, ins):
        pos = ins.positions
        if pos is None or pos.lineno is None:
            return "", ""
        first = line_text(frame.f_code.co_filename, pos.lineno)
        if pos.end_lineno == pos.lineno:
            return first[:pos.col_offset], first[pos.col_offset:pos.end_col_offset]
        return first[:pos.col_offset], first[pos.col_offset:]

    def kind_of(caller, ins, previous, callee_code):
        if ins is None:
            return "call"
        op = ins.opname
        if op in ("IMPORT_NAME", "IMPORT_FROM", "IMPORT_STAR"):
            return "import"
        if op in PROPERTY_OPS:
            return "property"
        if op in ("CALL", "CALL_FUNCTION_EX"):
            before, text = call_text(caller, ins)
            if (ins.arg == 0 and before.rstrip().endswith("@") and previous is not None
                    and previous.opname in ("MAKE_FUNCTION", "CALL")):
                return "decorator"
            if callee_code is not None:
                if not callee_code.co_flags & CO_NEWLOCALS and callee_code.co_name != "<module>":
                    return "class_body"
                name = callee_code.co_name
                if (name.startswith("__") and name.endswith("__") and name not in IMPLICIT_CALL_DUNDERS
                        and name not in text):
                    return "dunder"
            return "call"
        if op in DUNDER_OPS:
            return "dunder"
        return "call"

    def caller_frame(frame):
        back = frame.f_back
        while back is not None and is_machinery(back):
            back = back.f_back
        return back

    instruction_tables = {}
    handled_sites = set()
    imports = []

    def first_resume(code):
        for ins in dis.get_instructions(code):
            if ins.opname == "RESUME":
                return ins.offset
        return -1

    def instruction_table(code):
        if code not in instruction_tables:
            instruction_tables[code] = {ins.offset: ins for ins in dis.get_instructions(code)}
        return instruction_tables[code]

    def source_segment(frame, ins):
        pos = ins.positions
        if pos is None or pos.lineno is None or pos.end_lineno is None:
            return ""
        filename = frame.f_code.co_filename
        lines = [line_text(filename, n) for n in range(pos.lineno, pos.end_lineno + 1)]
        if len(lines) == 1:
            return lines[0][pos.col_offset:pos.end_col_offset]
        lines[0] = lines[0][pos.col_offset:]
        lines[-1] = lines[-1][:pos.end_col_offset]
        return "\n".join(lines)

    def external_name(frame, func):
        """The name, as written through the imports, of a callee outside the project."""
        chain = []
        while isinstance(func, ast.Attribute):
            chain.append(func.attr)
            func = func.value
        if not isinstance(func, ast.Name):
            return None
        chain.reverse()
        for namespace in (frame.f_locals, frame.f_globals, vars(builtins)):
            if func.id in namespace:
                value = namespace[func.id]
                break
        else:
            return None
        prefix = None
        if isinstance(value, type(sys)):
            prefix = value.__name__
        elif isinstance(value, type) or callable(value):
            defined_in = getattr(value, "__module__", None)
            if not isinstance(defined_in, str) or not hasattr(value, "__qualname__"):
                return None
            prefix = defined_in + "." + value.__qualname__
        if prefix is None:
            return None
        for attr in chain:
            if not isinstance(value, (type(sys), type)):
                return None
            value = getattr(value, attr, None)
            if value is None:
                return None
        if isinstance(value, type(sys)):
            return None
        defined_file = getattr(sys.modules.get(getattr(value, "__module__", "") or ""), "__file__", None) or ""
        if os.path.realpath(defined_file).startswith(project_prefix):
            return None
        if not (isinstance(value, type) or callable(value)):
            return None
        return ".".join([prefix] + chain)

    def on_call_instruction(frame, ins):
        text = source_segment(frame, ins).strip()
        try:
            node = ast.parse(text, mode="eval").body
        except SyntaxError:
            return
        kind = "call"
        if not isinstance(node, ast.Call):
            # A decorator written without arguments is applied by a CALL positioned on it.
            _current, previous = instruction_at(frame)
            if kind_of(frame, ins, previous, None) != "decorator":
                return
            kind = "decorator"
        try:
            name = external_name(frame, node.func if kind == "call" else node)
        except Exception:
            return
        if name is not None:
            handled_sites.add((frame.f_code, ins.offset))
            edges.add((scope_name(frame), name, kind))

    def on_import_instruction(frame, ins, table):
        level = 0
        fromlist = None
        before = sorted(o for o in table if o < ins.offset)
        if len(before) >= 2:
            level = table[before[-2]].argval
            fromlist = table[before[-1]].argval
        package = frame.f_globals.get("__package__") or ""
        try:
            absolute = importlib.util.resolve_name("." * level + ins.argval, package) if level else ins.argval
        except (ImportError, ValueError):
            return
        imports.append((scope_name(frame), module_of(frame), absolute, ins.argval, level, fromlist or ()))

    def opcode_trace(frame, event, arg):
        if event == "opcode":
            table = instruction_table(frame.f_code)
            ins = table.get(frame.f_lasti)
            if ins is not None and ins.opname in ("CALL", "CALL_FUNCTION_EX"):
                on_call_instruction(frame, ins)
            elif ins is not None and ins.opname == "IMPORT_NAME":
                on_import_instruction(frame, ins, table)
        return opcode_trace

    def global_trace(frame, event, arg):
        if not is_project(frame):
            return None
        frame.f_trace_opcodes = True
        return opcode_trace

    def is_project_module(name):
        module = sys.modules.get(name)
        filename = getattr(module, "__file__", None)
        if filename is None and module is not None and getattr(module, "__path__", None):
            return any(os.path.realpath(p).startswith(project_prefix) for p in module.__path__)
        return filename is not None and os.path.realpath(filename).startswith(project_prefix)

    def import_edges():
        """Every module an import statement runs, as Python would run it on a fresh start."""
        for caller, importer, absolute, written, level, fromlist in imports:
            parts = absolute.split(".")
            targets = [".".join(parts[:n]) for n in range(1, len(parts) + 1)]
            targets += [absolute + "." + name for name in fromlist if name != "*"]
            if not is_project_module(parts[0]) and not (level and is_project_module(absolute)):
                edges.add((caller, written, "import"))
                continue
            for target in targets:
                if target == importer or importer.startswith(target + "."):
                    continue
                if is_project_module(target) and getattr(sys.modules[target], "__file__", None):
                    edges.add((caller, target, "import"))  # a namespace package has no body to run

    def receiver_is_project(frame):
        """Whether an external method runs on an instance of a project class (an inherited method)."""
        code = frame.f_code
        if not code.co_argcount or code.co_varnames[0] not in frame.f_locals:
            return False
        receiver_type = type(frame.f_locals[code.co_varnames[0]])
        defined_in = sys.modules.get(receiver_type.__module__)
        filename = getattr(defined_in, "__file__", None)
        return filename is not None and os.path.realpath(filename).startswith(project_prefix)

    def profile(frame, event, arg):
        if event == "call":
            code = frame.f_code
            if is_machinery(frame) or code.co_name in COMPREHENSIONS:
                return
            if not is_project(frame) and code.co_flags & CO_GENERATOR_LIKE:
                return  # an external coroutine or generator: its creation was the call
            if code.co_flags & CO_GENERATOR_LIKE and frame.f_lasti != first_resume(code):
                return  # resumed again: its creation was an edge already
            caller = caller_frame(frame)
            if caller is None or not is_project(caller):
                return
            ins, previous = instruction_at(caller)
            if not is_project(frame) and ins is not None and (caller.f_code, ins.offset) in handled_sites:
                return
            kind = kind_of(caller, ins, previous, code)
            if not is_project(frame):
                if kind in ("dunder", "import"):
                    return  # only protocol methods of the project are dunder edges; imports: import_edges
                if kind == "call" and not receiver_is_project(frame):
                    return  # a method of a value external code returned, or code the truth cannot name
            name = code.co_name
            if code.co_flags & CO_GENERATOR_LIKE and not (name.startswith("__") and name.endswith("__")):
                # The body of a generator or coroutine first runs when it is first resumed
                # (by for, next(), await): the edge is the call that created it.
                kind = "call"
            edges.add((scope_name(caller), scope_name(frame), kind))
        elif event == "c_call":
            if not is_project(frame):
                return
            owner = getattr(arg, "__self__", None)
            if owner is not None and not isinstance(owner, type(sys)):
                return
            module = getattr(arg, "__module__", None) or (owner.__name__ if owner is not None else "builtins")
            qualname = getattr(arg, "__qualname__", arg.__name__)
            if module == "builtins" and qualname == "__build_class__":
                return
            ins, previous = instruction_at(frame)
            if ins is not None and (frame.f_code, ins.offset) in handled_sites:
                return
            kind = "import" if ins is not None and ins.opname == "IMPORT_NAME" else "call"
            if module.startswith("importlib") or qualname.startswith("_"):
                if qualname != "__import__":
                    return
            edges.add((scope_name(frame), module + "." + qualname, kind))

    sys.setprofile(profile)
    sys.settrace(global_trace)
    try:
        importlib.import_module(entry)
    except SystemExit:
        pass
    finally:
        sys.settrace(None)
        sys.setprofile(None)
    import_edges()
    for caller, callee, kind in sorted(edges):
        print("%s\t%s\t%s" % (caller, callee, kind))


def read_expected(case_dir):
    edges = set()
    path = os.path.join(case_dir, "expected.tsv")
    if not os.path.exists(path):
        return edges
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            edges.add(tuple(line.split("\t")[:3]))
    return edges


def observe(case_dir):
    """The edges observed by running a case, or None when the run failed."""
    _root, path_entry, entry = case_layout(case_dir)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONHASHSEED="0")
    proc = subprocess.run(["/usr/bin/python3", "-S", os.path.abspath(__file__), "--child", path_entry, entry],
                          cwd=path_entry, env=env, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        sys.stderr.write("%s: the run failed\n%s" % (case_dir, proc.stderr))
        return None
    return {tuple(line.split("\t")) for line in proc.stdout.splitlines() if line.count("\t") == 2}


def main():
    args = sys.argv[1:]
    if args and args[0] == "--child":
        run_child(args[1], args[2])
        return 0
    diff = "--diff" in args
    case_dirs = [os.path.abspath(a) for a in args if not a.startswith("-")]
    if not case_dirs:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    status = 0
    for case_dir in case_dirs:
        observed = observe(case_dir)
        if observed is None:
            status = 1
            continue
        if len(case_dirs) > 1:
            print("== %s" % os.path.relpath(case_dir))
        if diff:
            expected = read_expected(case_dir)
            for edge in sorted(expected - observed):
                print("-\t" + "\t".join(edge))
            for edge in sorted(observed - expected):
                print("+\t" + "\t".join(edge))
        else:
            for edge in sorted(observed):
                print("\t".join(edge))
    return status


if __name__ == "__main__":
    sys.exit(main())
