"""A class deriving from a collections.namedtuple, or written with typing.NamedTuple, adds
methods: its instances, made by calling the class with the fields, have them; _replace
and _make make instances of the subclass too."""
from collections import namedtuple
from typing import NamedTuple


class Point(namedtuple("Point", "x y")):
    __slots__ = ()

    def norm(self):
        return abs(self.x) + abs(self.y)

    def moved(self, dx):
        return self._replace(x=self.x + dx)


class Span(NamedTuple):
    start: int
    end: int

    def width(self):
        return self.end - self.start


def main():
    p = Point(1, 2)
    q = p.moved(3)
    return q.norm(), Point._make([4, 5]).norm(), Span(1, 3)._replace(end=5).width()


main()
