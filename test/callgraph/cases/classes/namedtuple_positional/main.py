"""Positional arguments of generated __init__s: a NamedTuple's fields in order, and a
dataclass's after its base's."""
import dataclasses
import typing


def upper(text):
    return text.upper()


def lower(text):
    return text.lower()


def strip(text):
    return text.strip()


class Finalize(typing.NamedTuple):
    const: typing.Callable
    src: str


@dataclasses.dataclass
class Base:
    before: typing.Callable


@dataclasses.dataclass
class Step(Base):
    after: typing.Callable


info = Finalize(upper, "x")
info.const("a")
step = Step(lower, strip)
step.before("B")
step.after(" c ")
