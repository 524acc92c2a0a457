"""A dataclass field's default_factory runs in the generated __init__ when the call
leaves the field out: the caller of the class runs it."""
from dataclasses import dataclass, field


def new_registry():
    return {}


def default_tags():
    return ["new"]


def never_used():
    return []


class Clock:
    def now(self):
        return 0


@dataclass
class Session:
    user: str
    registry: dict = field(default_factory=new_registry)
    tags: list = field(default_factory=default_tags)
    clock: Clock = field(default_factory=Clock)

    def stamp(self):
        return self.clock.now()


def open_session(name):
    return Session(name)


open_session("ann").stamp()
