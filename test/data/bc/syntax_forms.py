"""Every syntax form the bytecode agreement test covers (never executed)."""
import os, sys as system
from collections import namedtuple as nt
from . import sibling

COUNTER = 0
LIMIT: int = 10


def decorator(fn):
    return fn


@decorator
class Point(nt("Point", "x y")):
    """A class with methods, properties and a nested class."""
    scale = 2

    def norm(self, *, p=2, **kw):
        return (self.x ** p + self.y ** p) ** (1 / p)

    @property
    def doubled(self):
        return Point(self.x * self.scale, self.y * self.scale)

    class Inner:
        def method(self, /, a, b=3, *rest):
            return super().__init__, a, b, rest


def closures(a):
    total = 0

    def add(b):
        nonlocal total
        total += a + b
        return total

    def reader():
        return lambda c=1: total + c + a

    return add, reader


def use_global():
    global COUNTER
    COUNTER += 1
    del COUNTER


def comprehensions(items):
    squares = [i * i for i in items if i % 2]
    evens = {i for i in items if not i % 2}
    mapping = {k: v for k, v in enumerate(items)}
    gen = (x + y for x in items for y in range(x))
    nested = [[j for j in range(i)] for i in items]
    return squares, evens, mapping, sum(gen), nested


def generator(n):
    received = yield n
    yield from range(received or 0)
    return "done"


async def coroutine(session, urls):
    async with session.get(urls[0]) as response:
        body = await response.text()
    async for chunk in response.content:
        body += chunk
    results = [await session.get(u) async for u in urls]
    return body, results


async def async_generator():
    for i in range(3):
        yield i


def exceptions(path):
    try:
        f = open(path)
    except (OSError, ValueError) as error:
        print("failed", error)
        raise RuntimeError("wrapped") from error
    except Exception:
        raise
    else:
        with f, open(path + ".bak", "w") as backup:
            backup.write(f.read())
    finally:
        print("finally")
    try:
        pass
    except* TypeError as group:
        print(group.exceptions)


def matching(command):
    match command:
        case ["go", direction] if direction in {"north", "south", "east", "west"}:
            return direction
        case {"action": action, **rest}:
            return action, rest
        case Point(x=0, y=y):
            return y
        case int() | float() as number:
            return number
        case "quit" | None:
            return None
        case _:
            return ...


def fstrings(name, width, value):
    return f"{name!r:>{width}} {value:.2f} {value!s} {value!a} {name=}"


def loops(n):
    total = 0
    for i in range(n):
        if i == 3:
            continue
        if i > 8:
            break
        total += i
    else:
        total = -1
    while total > 0:
        total -= 1
    return total


def operators(a, b):
    c = a + b - a * b / (a // b) % b ** 2
    c |= a & b ^ ~a << 2 >> 1
    c @= b
    return a < b <= c != a is not b, a in b, b not in a, not a, -a, +b, a and b or c


def unpacking(*args, **kwargs):
    first, *middle, last = args
    (a, b), c = (1, 2), 3
    merged = {**kwargs, "extra": [*args, *middle]}
    if (n := len(merged)) > 1:
        print(*args, sep=", ", **kwargs)
    return first, last, a, b, c, n, args[1:-1:2]


def constants():
    big = 123456789012345678901234567890
    return (None, True, False, 1.5, 2j, b"bytes", "text", ..., big, -7, (1, ("nested",)),
            frozenset({1, 2}), "tab\there", "nul\x00byte", "\udc80", 0x10000000000000000)


assert COUNTER == 0, "message"
lambda_value = (lambda x, y=2: x * y)(3)
if __name__ == "__main__":
    system.exit(closures(1)[0](2))
