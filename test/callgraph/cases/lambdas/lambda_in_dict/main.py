"""A dispatch table of lambdas."""


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


OPERATIONS = {
    "+": lambda a, b: add(a, b),
    "-": lambda a, b: sub(a, b),
}


def evaluate(op, a, b):
    return OPERATIONS[op](a, b)


evaluate("+", 1, 2)
evaluate("-", 5, 3)
