"""An alternative constructor (classmethod) called on a subclass makes an instance of
the subclass: cls(...) runs the subclass's __init__, and methods called on the result
are the subclass's."""


class Shape:
    def __init__(self, size):
        self.size = size

    @classmethod
    def from_string(cls, text):
        return cls(int(text))

    def area(self):
        return 0


class Square(Shape):
    def __init__(self, size):
        super().__init__(size)
        self.side = size

    def area(self):
        return self.side * self.side


class Circle(Shape):
    def area(self):
        return 3 * self.size * self.size


def main():
    sq = Square.from_string("3")
    return sq.area()


main()
