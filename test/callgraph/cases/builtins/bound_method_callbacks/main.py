"""Bound methods handed to builtins and functools as callbacks: map(self.parse, ...),
sorted(key=self.score), filter(self.keep, ...), and a list of bound methods called in
a loop."""
import functools
import itertools


class Pipeline:
    def __init__(self, weights):
        self.weights = weights

    def parse(self, text):
        return int(text)

    def score(self, value):
        return self.weights.get(value, 0)

    def keep(self, value):
        return value > 0

    def total(self, a, b):
        return a + b

    def pair(self, a, b):
        return (a, b)

    def run(self, texts):
        values = list(map(self.parse, texts))
        kept = filter(self.keep, values)
        ranked = sorted(kept, key=self.score)
        pairs = list(itertools.starmap(self.pair, zip(ranked, ranked)))
        return functools.reduce(self.total, ranked, 0), pairs

    def checks(self):
        return [self.keep, self.parse]


def main():
    p = Pipeline({1: 2})
    for check in p.checks():
        check(1)
    return p.run(["1", "2"])


main()
