from app.util import *


class Shape:
    def area(self):
        return 0

    def grow(self):
        return twice(helper, self.area())


class Square(Shape):
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side * self.side


def factory():
    return Square


def total(shapes):
    result = sum(s.area() for s in shapes)
    square = Square(2)
    # _private is not exported by the star import: an unresolved name
    return result + square.area() + _private()
