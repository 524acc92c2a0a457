"""@contextlib.contextmanager: the with statement runs the generator through contextlib."""
import contextlib


def acquire(name):
    return "lock:" + name


def release(lock):
    return None


@contextlib.contextmanager
def locked(name):
    lock = acquire(name)
    try:
        yield lock
    finally:
        release(lock)


def update():
    with locked("db") as lock:
        return lock


update()
