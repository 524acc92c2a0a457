"""nonlocal rebinds a function variable of the enclosing scope; the outer call sees it."""


def strict(value):
    return value is not None


def lenient(value):
    return True


def make_validator():
    check = strict

    def relax():
        nonlocal check
        check = lenient

    def validate(value):
        return check(value)
    relax()
    return validate


make_validator()(None)
