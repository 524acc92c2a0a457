"""Descriptors the project defines: reading, setting and deleting an attribute runs their
__get__, __set__ and __delete__; creating the class runs __set_name__."""


def parse_int(text):
    return int(text)


def describe(value):
    return "<%s>" % value


class cached:
    """A non-data descriptor like werkzeug's cached_property."""

    def __init__(self, func):
        self.func = func

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = self.func(instance)
        instance.__dict__[self.name] = value
        return value


class Setting:
    """A data descriptor like Flask's ConfigAttribute."""

    def __init__(self, key, convert=None):
        self.key = key
        self.convert = convert

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.config[self.key]
        if self.convert is not None:
            value = self.convert(value)
        return value

    def __set__(self, obj, value):
        obj.config[self.key] = value

    def __delete__(self, obj):
        del obj.config[self.key]


class Shown:
    def label(self):
        return describe(self)


class App:
    port = Setting("PORT", parse_int)
    name = Setting("NAME")

    def __init__(self):
        self.config = {"PORT": "80", "NAME": "app"}

    @cached
    def summary(self):
        return Shown()


app = App()
app.port
app.name = "other"
del app.name
app.summary.label()
App.port
