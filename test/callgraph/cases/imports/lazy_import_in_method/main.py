"""Imports inside a method (deferred to avoid a cycle or a cost): relative, aliased, a
module and a name from it; the method calls through both."""
from pkg.engine import Engine


def main():
    return Engine("memory://x").connect(), Engine("sqlite://db").connect()


main()
