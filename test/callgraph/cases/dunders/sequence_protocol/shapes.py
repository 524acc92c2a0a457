class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))


class Polyline:
    def __init__(self, points):
        self.points = points

    def __getitem__(self, index):
        return self.points[index]


class Stack:
    def __init__(self, items):
        self.items = items

    def __iter__(self):
        return reversed(self.items)

    def __getitem__(self, index):
        return self.items[-1 - index]


class Row(list):
    def __getitem__(self, index):
        return list.__getitem__(self, index)
