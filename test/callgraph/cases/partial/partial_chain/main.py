"""A partial of a partial, returned from a factory."""
import functools


def log(level, component, message):
    return "[%s] %s: %s" % (level, component, message)


def logger_for(component):
    error = functools.partial(log, "ERROR")
    return functools.partial(error, component)


logger_for("db")("connection lost")
