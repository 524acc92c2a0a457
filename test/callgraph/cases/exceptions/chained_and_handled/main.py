"""Exceptions chained and handled: raise ... from, a handler binding a tuple of classes,
an exception's own method called in the handler, __str__ run by str(e), and a context
manager's __exit__ seeing the exception."""


class AppError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code

    def describe(self):
        return "%d: %s" % (self.code, self)

    def __str__(self):
        return "AppError(%d)" % self.code


class NotFound(AppError):
    def describe(self):
        return "not found"


class Guard:
    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        return False


def load(key):
    try:
        return {}[key]
    except KeyError as exc:
        raise NotFound(404, key) from exc


def main():
    try:
        with Guard():
            load("x")
    except (NotFound, ValueError) as e:
        return e.describe(), str(e)


main()
