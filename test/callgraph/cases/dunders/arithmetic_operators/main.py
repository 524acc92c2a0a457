"""A vector type: binary, reflected, in-place and unary operators run dunder methods."""


class Vector:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k)

    def __rmul__(self, k):
        return self * k

    def __iadd__(self, other):
        self.x += other.x
        self.y += other.y
        return self

    def __neg__(self):
        return Vector(-self.x, -self.y)


def simulate():
    position = Vector(0, 0)
    velocity = Vector(1, 2)
    position += velocity
    step = 2 * velocity        # int.__mul__ gives NotImplemented -> Vector.__rmul__
    return -(position + step * 3)


simulate()
