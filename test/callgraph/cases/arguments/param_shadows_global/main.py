"""Decoy: a parameter named like a module-level function; only what was passed is called."""


def formatter(value):
    return "global formatter %s" % value


def upper(value):
    return str(value).upper()


def show(value, formatter):
    # formatter here is the parameter, not the module-level function
    return formatter(value)


show("x", upper)
