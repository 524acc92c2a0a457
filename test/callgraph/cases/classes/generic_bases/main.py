"""Bases written subscripted, as typed code writes them (typing.Generic[T], a generic
class of the project, ParamType[str]): the class inherits from the class subscripted, so
self.fail in a subclass is the base's method, and super() and self find their way up."""
import typing as t

T = t.TypeVar("T")


class ParamType(t.Generic[T]):
    def fail(self, message):
        return message

    def convert(self, value):
        return value


class Choice(ParamType[str]):
    def convert(self, value):
        if value not in ("a", "b"):
            self.fail("bad")
        return super().convert(value)


class Strict(Choice, t.Generic[T]):
    def check(self, value):
        return self.convert(value)


class Unrelated:
    def fail(self, message):
        return message


Strict().check("z")
Choice().convert("a")
