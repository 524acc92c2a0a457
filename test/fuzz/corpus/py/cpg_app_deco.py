import functools


def trace(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        log(fn.__name__)
        return fn(*args)

    return wrapper


def log(msg):
    print(msg)
