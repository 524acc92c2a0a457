"""Two stacked wrapper decorators: the outer wrapper calls the inner wrapper, which calls
the function."""


def timed(func):
    def timed_wrapper(*args):
        return func(*args)
    return timed_wrapper


def cached(func):
    memo = {}

    def cached_wrapper(*args):
        if args not in memo:
            memo[args] = func(*args)
        return memo[args]
    return cached_wrapper


@timed
@cached
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


fib(10)
