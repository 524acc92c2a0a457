"""Parameters whose values come only from outside the project's code (a copy made by
the copy module, objects a library hands back) are known by their annotations: a name,
a string, Optional[...], Union[...] or X | None. Calls on them reach the annotated
class's methods, while one annotated with a container (list[Frame]) names no class of
the value itself. A def returning only what a library returned is known by its return
annotation the same way, and so is a variable assigned one (current: "Frame" = ...)."""
import copy
import typing as t
from typing import Optional


class Symbols:
    def analyze(self, node):
        return node

    def declare(self, name):
        return name


class Frame:
    def __init__(self, parent=None):
        self.parent = parent
        self.symbols = Symbols()

    def inner(self):
        return Frame(self)


class LoopFrame(Frame):
    def inner(self):
        return LoopFrame(self)


def visit_name(node, frame: Frame):
    return frame.symbols.analyze(node)


def visit_loop(node, frame: "LoopFrame"):
    child = frame.inner()
    return child.symbols.declare(node)


def visit_block(node, frame: Optional["Frame"] = None, scope: t.Union[Symbols, None] = None):
    if scope is not None:
        scope.analyze(node)
    return frame


def visit_call(node, frame: Frame | None, frames: list[Frame]):
    for each in frames:
        each.inner()
    return [node, frame]


def restore(frame) -> "Frame":
    return copy.deepcopy(frame)


current: "Frame" = copy.copy(Frame())


def report():
    return current.symbols.analyze("now")


visit_name("x", copy.copy(Frame()))
restore(copy.copy(LoopFrame())).symbols.declare("r")
visit_loop("i", copy.copy(LoopFrame()))
visit_block("b", scope=copy.copy(Symbols()))
visit_call("c", None, copy.copy([]))
report()
