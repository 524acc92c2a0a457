"""Decoy: an instance attribute with the same name as a property of another class."""


class Circle:
    def __init__(self, r):
        self.r = r

    @property
    def size(self):
        return 3.14 * self.r * self.r


class Box:
    def __init__(self, size):
        self.size = size  # a plain attribute: reading it runs nothing


def total(box):
    return box.size * 2


total(Box(4))
