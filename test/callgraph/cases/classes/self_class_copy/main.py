"""Making another instance of the receiver's own class: self.__class__(...), type(self)(...)
and type(self).method, as copy and merge methods do; subclasses' overrides run for
their instances."""


class Vector:
    def __init__(self, *items):
        self.items = list(items)

    def copy(self):
        return self.__class__(*self.items)

    def scaled(self, k):
        return type(self)(*[k * i for i in self.items])

    def describe(self):
        return type(self).label()

    @classmethod
    def label(cls):
        return cls.__name__


class Point(Vector):
    def __init__(self, *items):
        super().__init__(*items)
        self.dim = len(items)

    @classmethod
    def label(cls):
        return "point"


def main():
    p = Point(1, 2)
    return p.copy(), p.scaled(2), p.describe()


main()
