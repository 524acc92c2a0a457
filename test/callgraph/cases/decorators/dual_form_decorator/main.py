"""A decorator usable bare (@command) or with options (@command(name=...)): called
without the function it returns a partial of itself, else it registers the function and
returns it as it came (handler() tests `func is None` in an elif). Each decorated name is
its own function again, not every function any use of the decorator passed; the
partial's **options do not change that. The same holds for a lookup returning either a
stored value or the default its caller gave, by position or by keyword."""
from functools import partial

COMMANDS = {}


def command(func=None, **options):
    if func is None:
        return partial(command, **options)
    COMMANDS[options.get("name", func.__name__)] = func
    return func


@command
def build():
    return "build"


@command(name="check")
def test():
    return "test"


@command(name="ship", hidden=True)
def deploy():
    return "deploy"


HANDLERS = {}


def handler(func=None, *, event="change"):
    if func is not None and not callable(func):
        raise TypeError("handler() takes a function")
    elif func is None:
        return partial(handler, event=event)
    HANDLERS.setdefault(event, []).append(func)
    return func


@handler
def on_change():
    return "changed"


@handler(event="save")
def on_save():
    return "saved"


def edit():
    return on_change()


def save():
    return on_save()


class Settings:
    def __init__(self):
        self.values = {}

    def lookup(self, key, default):
        if key in self.values:
            return self.values[key]
        return default


def quiet():
    return "quiet"


def verbose():
    return "verbose"


def verify():
    return test()


def release():
    return deploy()


def main():
    build()
    verify()
    release()
    edit()
    save()
    try:
        handler("on_close")
    except TypeError as error:
        print(error)
    settings = Settings()
    settings.lookup("log", quiet)()
    return settings.lookup("trace", default=verbose)


main()
