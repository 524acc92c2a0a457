"""Classes whose __init__ is generated from their fields (a dataclass, a NamedTuple) bind
the arguments of a call to those fields: by place, in the order the class body declares
them (a ClassVar is no field), and by name, the fields of a base included. Methods then
reach what the fields hold."""
import typing
from dataclasses import dataclass, field
from typing import ClassVar, NamedTuple


class Handler:
    def run(self):
        return "run"


class Loud(Handler):
    def run(self):
        return "LOUD"


class Quiet(Handler):
    def run(self):
        return "quiet"


@dataclass
class Job:
    registry: ClassVar[dict] = {}
    name: str
    handler: Handler
    retries: int = 3
    tags: list = field(default_factory=list)

    def go(self):
        return self.handler.run()


@dataclass
class RetryJob(Job):
    fallback: Handler = None

    def recover(self):
        return self.fallback.run()


class Route(NamedTuple):
    path: str
    target: typing.Callable


def index():
    return "index"


def main():
    Job("a", Loud()).go()
    RetryJob(name="b", handler=Loud(), fallback=Quiet()).recover()
    route = Route("/", target=index)
    return route.target()


main()
