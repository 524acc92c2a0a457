#!/usr/bin/python3
"""Apply one pseudo-random edit to a Python project (for test/shell/cpg_incremental.sh).

    /usr/bin/python3 test/callgraph/mutate.py DIR SEED STEP

The edit depends only on SEED, STEP and the files in DIR, so a sequence of steps is
reproduced exactly from its seed. Prints one line saying what was done. Edits: add, delete
or rename a module; add or remove a function; change a call's target; add or remove an
import; break a file's syntax (fixed again by a later step); move a class between modules.
A broken file's original text is kept in DIR/../mutate-state.json until it is fixed.
"""
import ast
import json
import os
import random
import sys

OPERATIONS = ["add_module", "delete_module", "rename_module", "add_function", "remove_function",
              "change_call", "add_import", "remove_import", "break_syntax", "move_class"]


class Project:
    def __init__(self, root):
        self.root = root
        self.state_path = os.path.join(os.path.dirname(os.path.abspath(root)), "mutate-state.json")
        self.state = {"broken": {}}
        if os.path.exists(self.state_path):
            with open(self.state_path) as f:
                self.state = json.load(f)

    def save_state(self):
        with open(self.state_path, "w") as f:
            json.dump(self.state, f, sort_keys=True)

    def files(self):
        out = []
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(".py"):
                    out.append(os.path.relpath(os.path.join(dirpath, name), self.root))
        return out

    def parsed(self):
        """(path, tree, text) of every file that parses and is not waiting for a fix."""
        out = []
        for path in self.files():
            if path in self.state["broken"]:
                continue
            text = self.read(path)
            try:
                out.append((path, ast.parse(text), text))
            except SyntaxError:
                continue
        return out

    def read(self, path):
        with open(os.path.join(self.root, path), encoding="utf-8") as f:
            return f.read()

    def write(self, path, text):
        full = os.path.join(self.root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(full, 0o644)


def module_name(path):
    parts = path[:-3].split(os.sep)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def top_functions(tree):
    return [n for n in tree.body if isinstance(n, ast.FunctionDef)]


def top_classes(tree):
    return [n for n in tree.body if isinstance(n, ast.ClassDef)]


def remove_lines(text, node):
    lines = text.splitlines(keepends=True)
    start = (node.decorator_list[0].lineno if getattr(node, "decorator_list", None) else node.lineno) - 1
    return "".join(lines[:start] + lines[node.end_lineno:]), "".join(lines[start:node.end_lineno])


def op_add_module(p, rng, step):
    modules = [(path, tree) for path, tree, _ in p.parsed() if top_functions(tree) and module_name(path)]
    if not modules:
        return None
    path, tree = rng.choice(modules)
    func = rng.choice(top_functions(tree)).name
    new = "gen_%d.py" % step
    p.write(new, "from %s import %s\n\n\ndef use_%d():\n    return %s()\n\n\nuse_%d()\n"
            % (module_name(path), func, step, func, step))
    return "add %s calling %s.%s" % (new, module_name(path), func)


def op_delete_module(p, rng, step):
    files = [f for f in p.files() if f not in p.state["broken"]]
    if len(files) < 6:
        return None
    path = rng.choice(files)
    os.remove(os.path.join(p.root, path))
    return "delete %s" % path


def op_rename_module(p, rng, step):
    files = [f for f in p.files() if f not in p.state["broken"] and not f.endswith("__init__.py")]
    if not files:
        return None
    path = rng.choice(files)
    target = os.path.join(os.path.dirname(path), "renamed_%d.py" % step)
    os.rename(os.path.join(p.root, path), os.path.join(p.root, target))
    return "rename %s -> %s" % (path, target)


def op_add_function(p, rng, step):
    modules = p.parsed()
    if not modules:
        return None
    path, tree, text = rng.choice(modules)
    callees = [f.name for f in top_functions(tree)]
    body = "%s()" % rng.choice(callees) if callees else "len(%r)" % path
    p.write(path, text.rstrip("\n") + "\n\n\ndef added_%d():\n    return %s\n" % (step, body))
    return "add function added_%d to %s" % (step, path)


def op_remove_function(p, rng, step):
    candidates = [(path, tree, text) for path, tree, text in p.parsed() if top_functions(tree)]
    if not candidates:
        return None
    path, tree, text = rng.choice(candidates)
    func = rng.choice(top_functions(tree))
    new_text, _ = remove_lines(text, func)
    p.write(path, new_text)
    return "remove function %s from %s" % (func.name, path)


def op_change_call(p, rng, step):
    candidates = []
    for path, tree, text in p.parsed():
        names = sorted({f.name for f in top_functions(tree)})
        if len(names) < 2:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names:
                candidates.append((path, text, node, names))
    if not candidates:
        return None
    path, text, node, names = rng.choice(candidates)
    target = rng.choice([n for n in names if n != node.func.id])
    lines = text.splitlines(keepends=True)
    line = lines[node.func.lineno - 1]
    lines[node.func.lineno - 1] = line[:node.func.col_offset] + target + line[node.func.end_col_offset:]
    p.write(path, "".join(lines))
    return "change a call of %s to %s in %s" % (node.func.id, target, path)


def op_add_import(p, rng, step):
    modules = p.parsed()
    if len(modules) < 2:
        return None
    path, tree, text = rng.choice(modules)
    other_path, other_tree, _ = rng.choice([m for m in modules if m[0] != path])
    other = module_name(other_path)
    if not other:
        return None
    funcs = top_functions(other_tree)
    if funcs and rng.random() < 0.6:
        func = rng.choice(funcs).name
        added = "from %s import %s as imported_%d\n\n\ndef via_import_%d():\n    return imported_%d()\n" % (
            other, func, step, step, step)
    else:
        added = "import %s\n" % other
    p.write(path, text.rstrip("\n") + "\n" + added)
    return "add an import of %s to %s" % (other, path)


def op_remove_import(p, rng, step):
    candidates = []
    for path, tree, text in p.parsed():
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)) and node.lineno == node.end_lineno:
                candidates.append((path, text, node))
    if not candidates:
        return None
    path, text, node = rng.choice(candidates)
    lines = text.splitlines(keepends=True)
    del lines[node.lineno - 1]
    p.write(path, "".join(lines))
    return "remove the import on line %d of %s" % (node.lineno, path)


def op_break_syntax(p, rng, step):
    if p.state["broken"]:
        path = sorted(p.state["broken"])[0]
        if os.path.exists(os.path.join(p.root, path)):
            p.write(path, p.state["broken"][path])
        del p.state["broken"][path]
        p.save_state()
        return "fix the syntax of %s" % path
    modules = p.parsed()
    if not modules:
        return None
    path, tree, text = rng.choice(modules)
    p.state["broken"][path] = text
    p.save_state()
    lines = text.splitlines(keepends=True)
    cut = rng.randrange(len(lines) + 1)
    p.write(path, "".join(lines[:cut]) + "def half_written(:\n" + "".join(lines[cut:]))
    return "break the syntax of %s" % path


def op_move_class(p, rng, step):
    modules = p.parsed()
    candidates = [(path, tree, text) for path, tree, text in modules if top_classes(tree)]
    if not candidates or len(modules) < 2:
        return None
    path, tree, text = rng.choice(candidates)
    cls = rng.choice(top_classes(tree))
    other_path, _, other_text = rng.choice([m for m in modules if m[0] != path])
    if not module_name(other_path):
        return None
    new_text, class_text = remove_lines(text, cls)
    p.write(other_path, other_text.rstrip("\n") + "\n\n\n" + class_text)
    p.write(path, new_text.rstrip("\n") + "\nfrom %s import %s\n" % (module_name(other_path), cls.name))
    return "move class %s from %s to %s" % (cls.name, path, other_path)


def main():
    if len(sys.argv) != 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root, seed, step = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = random.Random("%s:%d" % (seed, step))
    project = Project(root)
    order = OPERATIONS[:]
    rng.shuffle(order)
    for name in order:
        done = globals()["op_" + name](project, rng, step)
        if done:
            print(done)
            return 0
    print("no edit possible", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
