"""Functions that return the argument they were given, as it came: a registering
decorator (return func), an identity helper, a fluent method (return self). Each call
gets its own argument back, so one caller does not reach what another passed: load() is
load alone, and a Query's where() is a Query, not a CachedQuery."""
REGISTRY = {}


def register(func):
    REGISTRY[func.__name__] = func
    return func


@register
def load():
    return "load"


@register
def save():
    return "save"


def identity(value):
    return value


def first_or(value, default):
    if value:
        return value
    return default


class Query:
    def where(self, clause):
        self.clause = clause
        return self

    def run(self):
        return self.clause


class CachedQuery(Query):
    def run(self):
        return "cached"


def fetch():
    return identity(load)()


def store():
    return first_or(None, save)()


def main():
    load()
    Query().where("a").run()
    CachedQuery().where("b")
    fetch()
    store()


main()
