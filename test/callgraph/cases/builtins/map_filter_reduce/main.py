"""map, filter and functools.reduce with project functions."""
import functools


def parse(text):
    return int(text)


def positive(n):
    return n > 0


def combine(a, b):
    return a * 10 + b


def digits(texts):
    numbers = list(filter(positive, map(parse, texts)))
    return functools.reduce(combine, numbers, 0)


digits(["1", "-2", "3"])
