"""Lambdas bound to names at module level and called through them."""
square = lambda x: x * x
compose = lambda f, g: lambda x: f(g(x))


def inc(x):
    return x + 1


square_then_inc = compose(inc, square)
square_then_inc(3)
