"""Decorators from outside the project are assumed to return the function they decorate."""
import atexit
import functools


@functools.lru_cache(maxsize=None)
def settings():
    return load_settings()


def load_settings():
    return {"debug": False}


@atexit.register
def shutdown():
    return "bye"


def is_debug():
    return settings()["debug"]


is_debug()
