"""Builtins run protocol methods of the instances they are given: sorted(), list.sort(),
min() and max() compare elements (__lt__, or the other element's __gt__ for max when
there is no __gt__; with a key they compare the keys instead), sum() adds them (__radd__
of the first to 0, then __add__, or the start value's __add__), int() and float() convert
(__int__, __float__, or __index__ without them), and round(), divmod(), pow(), complex()
and bytes() run theirs."""
from values import Money, Priority, Ticket, Vector, Version


def releases():
    versions = [Version(1, 2), Version(1, 0), Version(2, 1)]
    ordered = sorted(versions)
    versions.sort()
    return ordered, max(versions), min(versions[0], versions[1])


def by_key(tickets):
    return sorted(tickets, key=Ticket.rank), max(tickets, key=lambda t: t.rank())


def totals():
    return sum([Money(1), Money(2)]), sum([Money(3)], Money(0))


def conversions(v, p):
    return int(v), float(v), int(p), float(p), complex(v), bytes(v)


def arithmetic(v, w):
    return round(v), divmod(v, 2), pow(w, 2)


def main():
    releases()
    by_key([Ticket(2), Ticket(1)])
    totals()
    conversions(Version(3, 4), Priority(2))
    arithmetic(Version(5, 1), Vector(1, 2))


main()
