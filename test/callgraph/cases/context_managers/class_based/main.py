"""A class-based context manager timing a block; __exit__ calls a reporting helper."""
import time


def report(label, seconds):
    return "%s took %.3fs" % (label, seconds)


class Timer:
    def __init__(self, label):
        self.label = label

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, exc_type, exc, tb):
        report(self.label, time.perf_counter() - self.start)
        return False


def work():
    with Timer("work"):
        return sum(range(100))


work()
