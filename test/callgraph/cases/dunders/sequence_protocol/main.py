"""Membership and iteration run what Python runs: a class with __getitem__ and no __iter__
is iterated through __getitem__ (the old sequence protocol), also by `in` without
__contains__; `x in a_list`, list.index(), list.count() and list.remove() compare with the
elements' __eq__, and `x in a_set` hashes x. A class with __iter__, or whose __getitem__
an external base's __iter__ does not use (a list subclass), is not iterated through it."""
from shapes import Point, Polyline, Row, Stack


def walk(line):
    return [p for p in line], Point(0, 0) in line


def membership(points):
    probe = Point(1, 2)
    found = probe in points
    where = points.index(probe)
    seen = points.count(probe)
    points.remove(probe)
    return found, where, seen, probe in {Point(3, 4)}


def others(stack, row):
    return list(stack), [cell for cell in row]


def main():
    walk(Polyline([Point(0, 0), Point(1, 1)]))
    membership([Point(1, 2), Point(5, 6)])
    others(Stack([1]), Row([2]))


main()
