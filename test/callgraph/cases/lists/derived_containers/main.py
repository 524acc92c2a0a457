"""Containers no display makes hold their elements at no known place: indexing a
comprehension's list, list(), sorted(), *args, the rest of a starred unpacking, or a dict
built by dict(pairs), dict(zip(...)) or a dict comprehension reaches its elements."""


def parse():
    return "parse"


def check():
    return "check"


def emit():
    return "emit"


def report():
    return "report"


def first_of(*handlers):
    return handlers[0]()


def head_and_rest(stages):
    head, *rest = stages
    return head(), rest[0]()


def main():
    selected = [f for f in (parse,) if callable(f)]
    selected[0]()
    ordered = sorted([check], key=lambda f: f.__name__)
    ordered[0]()
    first_of(emit)
    head_and_rest([parse, report])
    table = dict([("emit", emit)])
    table["emit"]()
    named = dict(zip(["report"], [report]))
    named["report"]()
    by_name = {f.__name__: f for f in (check,)}
    by_name["check"]()


main()
