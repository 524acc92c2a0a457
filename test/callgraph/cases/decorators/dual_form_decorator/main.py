"""A decorator usable bare (@command) or with options (@command(name=...)): called
without the function it returns a partial of itself, else it registers the function and
returns it as it came. Each decorated name is its own function again, not every function
any use of the decorator passed; the partial's **options do not change that. The same
holds for a lookup returning either a stored value or the default its caller gave,
by position or by keyword."""
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
    settings = Settings()
    settings.lookup("log", quiet)()
    return settings.lookup("trace", default=verbose)


main()
