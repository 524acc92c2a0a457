"""A generic class subscripted is the class where it is called (Box[int](x), Flask's
ConfigAttribute[bool]("TESTING") in a class body); an enumeration subscripted by a
member's name is that member."""
import enum
import typing

T = typing.TypeVar("T")


def log(text):
    return text


def to_flag(value):
    return bool(value)


class Setting(typing.Generic[T]):
    def __init__(self, key, convert=None):
        self.key = key
        self.convert = convert

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.config.get(self.key)
        if self.convert is not None:
            value = self.convert(value)
        return value


class Box(typing.Generic[T]):
    def __init__(self, item):
        self.item = item

    def get(self):
        return self.item


class Task:
    def run(self):
        return log("run")


class Color(enum.Enum):
    RED = 1

    def describe(self):
        return log(self.name)


class App:
    debug: Setting[bool] = Setting[bool]("DEBUG", to_flag)

    def __init__(self):
        self.config = {"DEBUG": 1}


box = Box[Task](Task())
box.get().run()
Color["RED"].describe()
App().debug
