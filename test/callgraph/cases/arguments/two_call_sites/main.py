"""One higher-order function called from two places with different functions: the
parameter may hold either (a context-insensitive analysis joins them, as the truth does)."""


def apply_twice(fn, value):
    return fn(fn(value))


def increment(x):
    return x + 1


def double(x):
    return x * 2


def compute():
    return apply_twice(increment, 1) + apply_twice(double, 3)


compute()
