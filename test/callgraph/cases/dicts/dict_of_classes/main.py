"""A dict mapping names to classes; the looked-up class is instantiated."""


class Circle:
    def __init__(self, r):
        self.r = r

    def area(self):
        return 3.14159 * self.r ** 2


class Square:
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side ** 2


SHAPES = dict(circle=Circle, square=Square)


def make(kind, size):
    return SHAPES[kind](size)


make("square", 2).area()
