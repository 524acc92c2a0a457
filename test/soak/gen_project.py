#!/usr/bin/env python3
"""Generate a small Python project for the soak test (test/shell/soak.sh).

    gen_project.py SEED DEST [OUTSIDE]

Deterministic in SEED. Each project is a package of a few modules using the constructs
the call graph resolves (classes, inheritance, super(), decorators, imports of every
form, lambdas, comprehensions, closures, async, match, f-strings, walrus, type hints,
star arguments) and, in about a third of the projects, hostile files: deep nesting,
64 KiB of one bracket, NUL bytes, invalid UTF-8, a wrong coding declaration, a long
line, CR and CRLF line ends, a BOM, and symbolic links (inside the tree, out of it to
OUTSIDE, dangling, looping). Nothing is executed: the files only need to exist.
"""
import os
import random
import sys

CONSTRUCTS = [
    # classes, inheritance, super, properties, class and static methods
    '''class Base{n}:
    def __init__(self, x):
        self.x = x

    def run(self):
        return helper{n}(self.x)

class Child{n}(Base{n}):
    def __init__(self, x, y=1):
        super().__init__(x)
        self.y = y

    @property
    def total(self):
        return self.run() + self.y

    @classmethod
    def make(cls):
        return cls(1)

    @staticmethod
    def util(*args, **kwargs):
        return len(args) + len(kwargs)
''',
    # decorators with and without arguments
    '''import functools

def deco{n}(fn):
    @functools.wraps(fn)
    def wrapper(*a, **k):
        return fn(*a, **k)
    return wrapper

def param_deco{n}(tag):
    def inner(fn):
        return fn
    return inner

@deco{n}
@param_deco{n}("t")
def decorated{n}(v):
    return helper{n}(v)
''',
    # lambdas, comprehensions, closures, walrus, generators
    '''def comp{n}(items):
    key = lambda item: (item, helper{n}(item))
    squares = [helper{n}(i) for i in items if i]
    table = {{i: j for i, j in zip(items, squares)}}
    uniq = {{k for k in table}}
    gen = (x * 2 for x in uniq)
    if (total := sum(gen)) > 10:
        return sorted(items, key=key), total
    def closure():
        nonlocal total
        total += 1
        return total
    return closure()
''',
    # async
    '''import asyncio

async def fetch{n}(x):
    await asyncio.sleep(0)
    return helper{n}(x)

async def gather{n}(xs):
    async with asyncio.timeout(1):
        return [await fetch{n}(x) async for x in agen{n}(xs)]

async def agen{n}(xs):
    for x in xs:
        yield x
''',
    # match
    '''def matcher{n}(cmd):
    match cmd:
        case ["go", direction] if direction:
            return helper{n}(direction)
        case {{"kind": "point", "x": x, **rest}}:
            return x, rest
        case Point{n}(x=0, y=y) | [y, *_]:
            return y
        case str() as s:
            return s.upper()
        case _:
            return None

class Point{n}:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
''',
    # f-strings, strings, type hints, exceptions, star arguments
    '''from typing import Optional, Callable

def fmt{n}(name: str, width: int = 8, *rest: int, sep: str = ", ", **opts: object) -> Optional[str]:
    try:
        value = f"{{name!r:>{{width}}}} {{helper{n}(name)}} {{sep.join(map(str, rest))}}"
    except (ValueError, TypeError) as exc:
        raise RuntimeError(f"bad {{exc}}") from exc
    else:
        return value
    finally:
        pass

handler{n}: Callable[[str], Optional[str]] = fmt{n}
''',
    # globals, del, with, while/else, chained calls
    '''COUNTER{n} = 0

def bump{n}():
    global COUNTER{n}
    COUNTER{n} += 1
    with open(__file__) as fh, open(__file__) as gh:
        data = fh.read().strip().splitlines()
    while data:
        del data[0]
    else:
        return helper{n}(COUNTER{n}).bit_length()
''',
]

HOSTILE = [
    ("deep_parens.py", lambda r: b"x = " + b"(" * 500 + b"1" + b")" * 500 + b"\n"),
    ("deep_lists.py", lambda r: b"x = " + b"[" * 3000 + b"]" * 3000 + b"\n"),
    ("brackets.py", lambda r: r.choice([b"(", b"[", b"{"]) * 65536),
    ("unary.py", lambda r: b"x = " + b"-" * 100000 + b"1\n"),
    ("nul.py", lambda r: b"x = 1\n\x00\ny = 2\n"),
    ("bad_utf8.py", lambda r: b"s = '\xff\xfe\xc3('\n"),
    ("latin1.py", lambda r: b"# -*- coding: latin-1 -*-\ns = '\xe9t\xe9'\n"),
    ("wrong_cookie.py", lambda r: b"# coding: klingon\nx = 1\n"),
    ("long_line.py", lambda r: b"x = [" + b"1, " * 200000 + b"]\n"),
    ("cr_lines.py", lambda r: b"x = 1\ry = 2\r\nz = 3\n"),
    ("bom.py", lambda r: b"\xef\xbb\xbfimport os\nos.path.join('a')\n"),
    ("syntax.py", lambda r: b"def broken(:\n    pass\nclass\n"),
    ("indent.py", lambda r: b"def f():\n\tif x:\n        pass\n  return\n"),
    ("lambdas.py", lambda r: b"f = " + b"lambda: " * 2000 + b"0\n"),
    ("strings.py", lambda r: b"s = f'{" * 150 + b"x" + b"}'" * 150 + b"\n"),
    ("empty.py", lambda r: b""),
    ("splat.py", lambda r: b"X = f(*g())\n" * 3000),
]


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)


def main():
    seed = int(sys.argv[1])
    dest = sys.argv[2]
    outside = sys.argv[3] if len(sys.argv) > 3 else None
    r = random.Random(seed)
    pkg = os.path.join(dest, "pkg%d" % (seed % 7))
    write(os.path.join(pkg, "__init__.py"), b"from .core import *\nfrom . import util as u\n")
    nmods = r.randint(2, 5)
    for m in range(nmods):
        n = "%d_%d" % (seed, m)
        body = ["from .util import helper as helper%s" % n,
                "import os.path as osp, json",
                "from ..%s import missing" % "x" if r.random() < 0.2 else "from . import util"]
        body += [c.format(n=n) for c in r.sample(CONSTRUCTS, r.randint(2, len(CONSTRUCTS)))]
        body.append("if __name__ == '__main__':\n    print(osp.join('a', json.dumps(helper%s(1))))\n" % n)
        write(os.path.join(pkg, "mod%d.py" % m), "\n\n".join(body).encode())
    write(os.path.join(pkg, "util.py"),
          b"def helper(x):\n    return x\n\ndef unused():\n    return helper(helper)\n")
    write(os.path.join(pkg, "core.py"),
          ("from .mod0 import *\n__all__ = ['run']\n\ndef run():\n    return %s\n"
           % " + ".join("len(str(%d))" % i for i in range(r.randint(1, 20)))).encode())
    write(os.path.join(dest, "main.py"), b"import pkg%d\npkg%d.u.helper(1)\n" % (seed % 7, seed % 7))
    if r.random() < 0.35:
        hostile = os.path.join(dest, "hostile")
        for name, make in r.sample(HOSTILE, r.randint(2, 6)):
            write(os.path.join(hostile, name), make(r))
        # Links: inside the tree, out of it, dangling, looping, a directory named like a file.
        os.symlink("../main.py", os.path.join(hostile, "inside_link.py"))
        os.symlink("missing.py", os.path.join(hostile, "dangling.py"))
        os.symlink(".", os.path.join(hostile, "loop"))
        if outside:
            os.symlink(os.path.join(outside, "secret.py"), os.path.join(hostile, "secret.py"))
            os.symlink(outside, os.path.join(hostile, "outside_dir.py"))


if __name__ == "__main__":
    main()
