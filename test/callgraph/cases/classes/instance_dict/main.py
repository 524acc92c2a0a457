"""obj.__dict__ is the instance's namespace, a dict: its methods are no attribute of the
class's external base (no builtins.Exception.__dict__.items)."""


def show(pairs):
    return sorted(pairs)


class AppError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code

    def fields(self):
        return show(self.__dict__.items())


class Options:
    verbose = False

    def names(self):
        return show(type(self).__dict__.keys())


AppError(2).fields()
Options().names()
