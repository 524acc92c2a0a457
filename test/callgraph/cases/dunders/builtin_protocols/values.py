class Version:
    def __init__(self, major, minor):
        self.major = major
        self.minor = minor

    def key(self):
        return (self.major, self.minor)

    def __lt__(self, other):
        return self.key() < other.key()

    def __int__(self):
        return self.major

    def __float__(self):
        return self.major + self.minor / 10

    def __complex__(self):
        return complex(self.major, self.minor)

    def __bytes__(self):
        return b"%d.%d" % (self.major, self.minor)

    def __round__(self, ndigits=None):
        return Version(self.major, 0)

    def __divmod__(self, n):
        return divmod(self.major, n)


class Priority:
    def __init__(self, level):
        self.level = level

    def __index__(self):
        return self.level


class Ticket:
    def __init__(self, weight):
        self.weight = weight

    def rank(self):
        return -self.weight

    def __lt__(self, other):
        return self.weight < other.weight


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __add__(self, other):
        return Money(self.cents + other.cents)

    def __radd__(self, other):
        return Money(self.cents + other)


class Vector:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __pow__(self, n):
        return Vector(self.x ** n, self.y ** n)
