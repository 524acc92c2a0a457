"""Ordering and equality: comparisons, sorted() and max() run __lt__ / __eq__."""
import functools


@functools.total_ordering
class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __hash__(self):
        return hash(self.parts)


def newest(versions):
    return max(versions)


def check():
    a, b = Version("1.2"), Version("1.10")
    ordered = sorted([b, a])
    return a < b, a == Version("1.2"), newest(ordered), {a: "installed"}


check()
