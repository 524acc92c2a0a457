import os.path
from collections import *

x = 1
__all__ = ["top"]


def top(a):
    # A function named "top": symtable.py treats its bound names as module scope.
    b = a
    return b


class C:
    y = x
    z = [y for _ in range(2)]
    __private = 1

    def m(self, arg: "C" = None) -> int:
        return self.__private + arg

    def m(self):
        return __class__

    class D:
        pass

    w = lambda self: self


def outer():
    free = 1
    cell = 2

    def middle():
        nonlocal cell
        cell += 1

        def inner():
            return free + cell + x
        return inner

    class K:
        free_in_class = free

        def kk(self):
            return free
    return middle, K


def annotated(p: int, *, q: str = "d") -> None:
    r: int = 1
    s: list
    import json as jj
    from os import sep
    global g1
    g1 = r
    return [t for t in p if (u := t)]


def gen_scopes():
    return ((a, b) for a in range(3) for b in range(a)), {k: v for k, v in []}, {e for e in ()}


lam = lambda a, b=x: a + b
