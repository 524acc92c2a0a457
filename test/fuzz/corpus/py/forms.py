"""Every Python 3.11 statement and expression form, for the tree-sitter and CST tests."""
from __future__ import annotations

import os
import os.path as osp, sys as system
from . import sibling
from .. import parent_mod as pm
from ..pkg.sub import (alpha, beta as b2)
from collections import *

CONST: int = 1
a = b = [1, 2.5, 3j, 0x1F, 1_000, None, True, False, ...]
x, *rest = a
(c, d), [e, f] = (1, 2), [3, 4]
a[0] += 1
a[1:2] = a[::2]
del a[0], c
t = 1 if a else 2
u = not a and b or c
v = -x ** 2 // 3 % 4 @ x if x else ~x << 1 >> 2 & 3 | 4 ^ 5
w = 1 < x <= 2 != 3 is not None in a
s = "é" 'x' f"{x!r:>{w}} {a[0]:.2f} {{}}"
bs = b"bytes" rb"raw\d"
g = {k: v for k, v in zip(a, a) if k}
h = {i for i in a}
i = [j for j in a for k in a if j]
gen = (j async for j in aiter_) if False else None
lam = lambda p, /, q=1, *r, s, **kw: (p, q, r, s, kw)
if (n := len(a)) > 1:
    pass
elif n:
    pass
else:
    pass
for item in a:
    continue
else:
    pass
while False:
    break
try:
    raise ValueError("x") from None
except (ValueError, TypeError) as err:
    pass
except Exception:
    pass
else:
    pass
finally:
    pass
try:
    pass
except* OSError as group:
    pass
with open("f") as fh, open("g") as (gh):
    pass
assert a, "message"
global_counter = 0


def outer(pos1, pos2, /, normal, *args, kwonly, kwdef=3, **kwargs) -> dict[str, int]:
    """Outer docstring\twith an escape."""
    global global_counter
    global_counter += 1
    closure = 0

    def inner(z: int = 0) -> None:
        nonlocal closure
        closure = z
        yield closure
        yield from range(3)

    class Local:
        pass

    return {"a": inner, **kwargs}


@staticmethod
@functools.lru_cache(maxsize=None)
def decorated(*, key):
    return key


class Base:
    pass


class Child(Base, metaclass=type):
    'Child docstring.'
    attr: list[int] = []

    def method(self, value):
        return super().method(value)

    async def amethod(self):
        async with self.lock as held:
            await self.run()
        async for chunk in self.stream():
            print(chunk)
        return [await q for q in self.items]

    class Nested:
        def deep(self):
            return Child.Nested


match command.split():
    case [action]:
        pass
    case [action, obj, *others]:
        pass
    case Point(x=0, y=yy) | Point(x=yy, y=0) as point:
        pass
    case {"key": value, **remaining}:
        pass
    case Color.RED | 1 | "s" | None:
        pass
    case _ if a:
        pass

print(os.path.join("a", "b"), osp.join("c"), decorated(key=1), outer(1, 2, 3, kwonly=4))
print(*a, *rest, sep="", **g)
