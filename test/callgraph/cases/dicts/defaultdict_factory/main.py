"""collections.defaultdict: reading a missing key runs the factory (a lambda, a class of
the project); the mapping it starts from is its content."""
import collections
from collections import defaultdict


def default_handler(event):
    return event


def on_start(event):
    return event


class Bucket:
    def __init__(self):
        self.items = []

    def add(self, item):
        self.items.append(item)


handlers = defaultdict(lambda: default_handler, {"start": on_start})
handlers["start"]("s")
handlers["stop"]("t")

buckets = collections.defaultdict(Bucket)
buckets["a"].add(1)

counts = defaultdict(int)
counts["x"] += 1
