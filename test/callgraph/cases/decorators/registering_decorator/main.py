"""A decorator that registers the function and returns it unchanged."""

PLUGINS = []


def plugin(func):
    PLUGINS.append(func)
    return func


@plugin
def lint(source):
    return source.strip()


@plugin
def format_code(source):
    return source + "\n"


def run_all(source):
    for p in PLUGINS:
        source = p(source)
    return lint(source)


run_all(" x ")
