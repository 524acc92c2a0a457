"""Enum members are instances of their class: a member's methods and properties run on it,
also on the members that iterating the class gives; a base enum without members lends its
methods to the enums deriving from it. A plain
class attribute holding an instance of another class is that class's instance (decoy)."""
import enum
from enum import Enum, IntEnum, auto


def titled(text):
    return text.title()


class Labelled(Enum):
    def label(self):
        return titled(self.name)


class Status(Labelled):
    ACTIVE = auto()
    RETIRED = auto()

    @property
    def is_live(self):
        return self is Status.ACTIVE

    def describe(self):
        return "%s (%s)" % (self.label(), self.is_live)


class Priority(IntEnum):
    LOW = 1
    HIGH = 2

    def escalate(self):
        return bump(self)


def bump(priority):
    return max(priority, Priority.HIGH)


class Flags(enum.Flag):
    READ = 1
    WRITE = 2

    def describe(self):
        return titled(str(self.value))


class Engine:
    def describe(self):
        return "engine"


class Config:
    DEFAULT = Engine()


def report(status=Status.ACTIVE):
    return status.describe()


def legend():
    return [flag.describe() for flag in Flags]


def main():
    report()
    legend()
    Status.RETIRED.label()
    Priority.LOW.escalate()
    Flags.READ.describe()
    Config.DEFAULT.describe()


main()
