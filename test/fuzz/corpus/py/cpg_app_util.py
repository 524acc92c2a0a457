"""Utility functions."""
import os.path as osp

COUNTER = 0


def helper(x):
    return x + 1


def twice(f, x):
    return f(f(x))


def bump():
    global COUNTER
    COUNTER = COUNTER + 1
    return helper(COUNTER)


def _private():
    return osp.join("a", "b")


def make_adder(n):
    def add(x):
        return helper(x) + n

    return add


def choose(flag):
    if flag:
        for i in range(3):
            if i == 2:
                return i
    elif flag is None:
        return -1
    return 0


scale = lambda v: helper(v) * 2


def apply(items: list, factor: int = 2) -> list:
    return [scale(i) * factor for i in items]
