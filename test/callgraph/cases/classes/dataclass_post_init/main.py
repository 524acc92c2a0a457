"""Dataclasses: the generated __init__ runs __post_init__, also for a subclass that inherits
it; a dataclass with an __init__ of its own gets none generated, so its __post_init__ only
runs when that __init__ calls it; a plain class's __post_init__ is never run implicitly."""
import dataclasses
from dataclasses import dataclass, field


def normalise(name):
    return name.strip().lower()


@dataclass
class User:
    name: str
    tags: list = field(default_factory=list)

    def __post_init__(self):
        self.name = normalise(self.name)


@dataclass
class Admin(User):
    level: int = 1


@dataclasses.dataclass(frozen=True)
class Point:
    x: int
    y: int

    def __post_init__(self):
        check_range(self.x, self.y)


def check_range(*values):
    return all(v >= 0 for v in values)


@dataclass
class Manual:
    value: int

    def __init__(self, value):
        self.value = value

    def __post_init__(self):
        audit(self)


def audit(obj):
    return obj


def build():
    return [User(" Ann "), Admin("Bob"), Point(1, 2), Manual(3)]


build()
