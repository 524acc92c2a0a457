"""getattr() and hasattr() with a constant name read the attribute as obj.name does: a
property runs its getter and a descriptor its __get__, from the call (a call link for the
getter, a dunder link for __get__). A plain method or data attribute runs nothing."""
from model import Config, Report


def describe(report):
    title = getattr(report, "title")
    pages = getattr(report, "pages", 0)
    ready = hasattr(report, "summary")
    render = getattr(report, "render")
    return title, pages, ready, render()


def settings(config):
    return getattr(config, "debug"), hasattr(config, "name")


def main():
    describe(Report("q3", ["a", "b"]))
    settings(Config())


main()
