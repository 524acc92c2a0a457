"""A class with __iter__ returning an iterator object with __next__: for, list() and `in`."""


class Countdown:
    def __init__(self, start):
        self.start = start

    def __iter__(self):
        return CountdownIterator(self.start)


class CountdownIterator:
    def __init__(self, current):
        self.current = current

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


def launch():
    for n in Countdown(3):
        pass
    return list(Countdown(2)), 1 in Countdown(1)


launch()
