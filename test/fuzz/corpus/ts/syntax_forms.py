# -*- coding: latin-1 -*-
"""Module docstring: every syntax form the agreement test compares.

The coding declaration above must be ignored: the text is already decoded.
"""
from __future__ import annotations

import os, sys as system
from . import sibling
from ..pkg.mod import (a, b as bee)
from .star import *

CONSTANT: int = 1
é_name = "ünïcödé"; after = é_name + "x"  # non-ASCII before later nodes on the same line
s2 = "日本語"; call_after = len(s2)
emoji = "🐍🐍"; tail = [emoji, "x"][0]
b = b"\x00\xff"; nul = "a\x00b"; big = 10**40; j = 3j; e = ...; f = 1.5e-3


def positional(a, b, /, c, d=2, *args, e, f=3, **kwargs) -> dict:
    """Function docstring."""
    return {**kwargs, "a": a}


@decorator
@decorator.with_args(1, key=2)
class Outer(Base, metaclass=Meta):
    """Class docstring."""
    attr = [x for x in range(3)]

    class Inner:
        def method(self):
            def closure():
                nonlocal self
                return self
            return closure

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, v):
        self._value = v

    def __private(self):
        __mangled = 1
        return __mangled


async def coro(items):
    async with lock as held:
        async for item in items:
            await item
    result = [await x async for x in items]
    return {k: v for k, v in result if k} or {i for i in result} or list(g for g in result)


def walrus_and_fstrings(data):
    if (n := len(data)) > 10:
        print(f"{n!r:>{width}} items, {data[0]=} é {'nested' + f'{n}'}")
    return lambda x, *y, z=n, **w: (x, y, z, w)


def matching(command):
    match command.split():
        case [action]:
            return action
        case ["go", direction] | ["move", direction]:
            return direction
        case {"x": x, **rest}:
            return rest
        case Point(x=0, y=yy) as p if yy > 0:
            return p
        case str() | bytes():
            pass
        case None | True:
            pass
        case [1, 2, *others]:
            return others
        case _:
            return None


counter = 0


def globals_and_nonlocals():
    global counter
    counter += 1

    def inner():
        global counter
        def counter():
            pass
        return counter
    return inner


def typed(a,  # type: int
          b,  # type: str
          ):
    # type: (...) -> None
    x = []  # type: list[int]
    y = x  # type: ignore
    z = y  # type: ignore[attr-defined]


try:
    pass
except* ValueError as eg:
    pass
except* (TypeError, KeyError):
    pass

try:
    import missing
except ImportError as exc:
    missing = None
else:
    pass
finally:
    del missing

with open("f") as fh, open("g") as gh:
    pass

for i, (k, v) in enumerate(d.items()):
    if i: continue
    else: break
else:
    pass

while False:
    assert counter, "message"
    raise ValueError("x") from None

x = 1 if counter else 2
y = not x and x or -x
z = x[1:2, ::3]
w = {**{}, 'a': 1}
star, *rest = [1, 2, 3]
print(*rest, sep="", **{})
lst = [lambda: i for i in range(3)]
gen = (lambda q=i: q for i in (lambda: range(2))())
