"""A function stored on self in one method and called in another."""


def default_strategy(values):
    return sorted(values)


class Sorter:
    def __init__(self, strategy=default_strategy):
        self.strategy = strategy

    def run(self, values):
        return self.strategy(values)


Sorter().run([3, 1, 2])
