"""A pipeline of generators passed as arguments to one another."""


def numbers(limit):
    n = 0
    while n < limit:
        yield n
        n += 1


def evens(source):
    return (n for n in source if n % 2 == 0)


def squares(source):
    for n in source:
        yield n * n


def pipeline():
    return list(squares(evens(numbers(10))))


pipeline()
