"""A dict subclass's __missing__ runs when a subscript misses: dict.__getitem__ calls it,
so the subscript is its caller. A class with its own __getitem__ never reaches a
__missing__ it also defines, unless its __getitem__ calls it."""
from collections import defaultdict

from caches import Memo, NeighborCache, Settings, Table


def neighbours(graph, node):
    cache = NeighborCache(graph)
    first = cache[node]
    return first, cache[node]


def lookup(settings, key):
    try:
        return settings[key]
    except KeyError:
        return None


def table_cell(table):
    return table["a"], table["missing"]


def memo_calls():
    memo = Memo(lambda n: n * n)
    return memo[3] + memo[4]


def counts(words):
    tally = defaultdict(int)
    for word in words:
        tally[word] += 1
    return tally


def main():
    graph = {1: [2, 3], 2: [3], 3: []}
    neighbours(graph, 1)
    lookup(Settings(debug="1"), "debug")
    lookup(Settings(), "colour")
    table_cell(Table({"a": 1}))
    memo_calls()
    counts(["a", "b", "a"])


main()
