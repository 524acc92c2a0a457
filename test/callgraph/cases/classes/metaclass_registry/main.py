"""A metaclass's __new__ makes the class with super().__new__ and works on what it made:
registers it by name for a factory, and calls its own methods on it (Django's
ModelBase: new_class.add_to_class(name, value) hands each value to contribute_to_class)."""

registry = {}


class Options:
    def contribute_to_class(self, cls, name):
        cls.options = self


class PluginMeta(type):
    def __new__(mcs, name, bases, namespace):
        cls = super().__new__(mcs, name, bases, namespace)
        if bases:
            registry[name.lower()] = cls
        cls.add_to_class("_meta", Options())
        return cls

    def add_to_class(cls, name, value):
        if hasattr(value, "contribute_to_class"):
            value.contribute_to_class(cls, name)
        else:
            setattr(cls, name, value)


class Plugin(metaclass=PluginMeta):
    def __init__(self, source):
        self.source = source

    def load(self):
        return self.parse(self.source)


class Csv(Plugin):
    def parse(self, text):
        return text.split(",")


class Json(Plugin):
    def __init__(self, source, strict=True):
        super().__init__(source)
        self.strict = strict

    def parse(self, text):
        return [text]


class Unregistered:
    def __init__(self, source):
        raise AssertionError("not a plugin")


def open_source(kind, text):
    return registry[kind](text).load()


open_source("csv", "a,b")
open_source("json", "[1]")
