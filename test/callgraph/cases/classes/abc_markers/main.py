"""Marker bases (abc.ABC, typing.Protocol) hold no method a program calls on its
instances: an attribute the project's classes do not define is the instance's own (here a
function stored on it), not abc.ABC's, while a real external base (threading.Thread) still
gives its method by name."""
import abc
import threading
import typing


class Renderer(typing.Protocol):
    def render(self) -> str: ...


class Plugin(abc.ABC):
    @abc.abstractmethod
    def run(self):
        raise NotImplementedError

    def describe(self):
        return self.render()


class Echo(Plugin):
    def run(self):
        return self.describe()


class Worker(threading.Thread):
    def work(self):
        return self.is_alive()


def shout():
    return "!"


echo = Echo()
echo.render = shout
echo.run()
Worker().work()
