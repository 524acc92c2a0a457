"""A lambda as a parameter's default value, called through the parameter."""


def is_public(name):
    return not name.startswith("_")


def visible_names(namespace, keep=lambda k: is_public(k), /, *, order=sorted):
    return order(k for k in namespace if keep(k))


def shout(text, transform=lambda s: s.upper(), suffix="!"):
    return transform(text) + suffix


visible_names({"a": 1, "_b": 2})
shout("hi")
