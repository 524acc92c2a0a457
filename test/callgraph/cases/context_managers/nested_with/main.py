"""Two context managers in one with statement, and one used in a function's with."""


class Resource:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.closed = True

    def read(self):
        return self.name


def copy(src, dst):
    with Resource(src) as a, Resource(dst) as b:
        return a.read() + b.read()


copy("in", "out")
