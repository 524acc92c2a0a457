"""A function returns a nested function, called right away and later."""


def make_multiplier(factor):
    def multiply(value):
        return value * factor
    return multiply


triple = make_multiplier(3)
triple(5)
make_multiplier(2)(10)
