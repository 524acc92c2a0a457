"""A generator yielding callables (plugin hooks), consumed by a for loop and by next()."""


def check_name(record):
    return bool(record.get("name"))


def check_age(record):
    return record.get("age", 0) > 0


def never_yielded(record):
    return False


def checks():
    yield check_name
    yield check_age


def validate(record):
    first = next(checks())
    ok = first(record)
    for check in checks():
        ok = ok and check(record)
    return ok


validate({"name": "a", "age": 3})
