"""isinstance, getattr with a default, hasattr, callable, id, type: builtins as callees."""


class Plugin:
    name = "base"

    def run(self):
        return self.name


def describe(obj):
    kind = type(obj).__name__
    runnable = callable(getattr(obj, "run", None))
    return kind, runnable, isinstance(obj, Plugin), hasattr(obj, "name"), id(obj) > 0


describe(Plugin())
