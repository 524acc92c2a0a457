"""An exception hierarchy: raising a subclass without __init__ runs the nearest one."""


class AppError(Exception):
    def __init__(self, message, code=500):
        Exception.__init__(self, message)
        self.code = code


class NotFound(AppError):
    pass


class Timeout(Exception):
    pass


def lookup(key, table):
    if key not in table:
        raise NotFound("no " + key)
    return table[key]


def guarded():
    try:
        return lookup("x", {})
    except AppError as e:
        return e.code


def slow():
    raise Timeout("took too long")


guarded()
try:
    slow()
except Timeout:
    pass
