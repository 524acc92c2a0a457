"""Properties read inside methods through self, and one inherited from a base class."""


class Shape:
    @property
    def area(self):
        return self.width * self.height

    def describe(self):
        return "area %d" % self.area


class Rectangle(Shape):
    def __init__(self, width, height):
        self.width = width
        self.height = height

    @property
    def perimeter(self):
        return 2 * (self.width + self.height)


r = Rectangle(2, 3)
r.describe()
r.perimeter
