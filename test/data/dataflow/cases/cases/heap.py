"""Flows through module globals, class attributes and closures across functions."""
import os

from web.request import arg

LAST = ""
DEFAULT = "ls"


def remember():
    global LAST
    LAST = arg("cmd")


def replay():
    os.system(LAST)


def replay_default():
    os.system(DEFAULT)


class Base:
    def keep(self, value):
        self.value = value


class Child(Base):
    def fire(self):
        os.system(self.value)


def keep_and_fire():
    child = Child()
    child.keep(arg("value"))
    child.fire()


def counter():
    total = arg("start")

    def add():
        nonlocal total
        total = total + "1"

    def show():
        os.system(total)

    add()
    show()
