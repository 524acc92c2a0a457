"""A partial of a class: calling it instantiates the class."""
import functools


class Retry:
    def __init__(self, attempts, delay):
        self.attempts = attempts
        self.delay = delay

    def plan(self):
        return [self.delay * i for i in range(self.attempts)]


quick_retry = functools.partial(Retry, delay=0.1)
quick_retry(3).plan()
