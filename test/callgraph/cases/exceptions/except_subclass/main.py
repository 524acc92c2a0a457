"""`except Base as e`: the handler gets whatever subclass was raised, and a method called on
it runs the subclass's override."""


def echo(text):
    return text


class CliError(Exception):
    def show(self):
        return echo("error")


class UsageError(CliError):
    def show(self):
        return echo("usage")


class Abort(RuntimeError):
    def show(self):
        return echo("abort")


def parse(args):
    if not args:
        raise UsageError("no arguments")
    return args


def main(args):
    try:
        return parse(args)
    except CliError as e:
        e.show()


def run(args):
    try:
        return main(args)
    except (KeyError, CliError) as e:
        return e


main([])
run(["x"])
