"""Instances with __call__ used as functions, including through a parameter."""


class Multiplier:
    def __init__(self, factor):
        self.factor = factor

    def __call__(self, value):
        return value * self.factor


class Pipeline:
    def __init__(self, *steps):
        self.steps = steps

    def __call__(self, value):
        for step in self.steps:
            value = step(value)
        return value


double = Multiplier(2)
pipeline = Pipeline(double, Multiplier(10))
pipeline(3)
