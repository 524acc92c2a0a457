"""A coroutine-style generator driven by next() and send()."""


def record(total):
    return total


def running_total():
    total = 0
    while True:
        value = yield total
        total += value
        record(total)


def accumulate(values):
    acc = running_total()
    next(acc)
    for v in values:
        acc.send(v)
    acc.close()


accumulate([1, 2, 3])
