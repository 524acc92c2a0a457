"""__init_subclass__ runs when a subclass statement runs (a dunder of the base class)."""

REGISTRY = {}


def register(cls):
    REGISTRY[cls.__name__] = cls


class Command:
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        register(cls)


class Build(Command):
    pass


class Test(Command):
    pass


REGISTRY["Build"]()
