"""type(x)(...) builds a new instance of x's class; cls() inside a classmethod too."""


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def moved(self, dx):
        return type(self)(self.x + dx, self.y)

    @classmethod
    def origin(cls):
        return cls(0, 0)


class Point3(Point):
    def __init__(self, x, y, z=0):
        super().__init__(x, y)
        self.z = z


Point.origin().moved(1)
Point3(1, 2).moved(3)
