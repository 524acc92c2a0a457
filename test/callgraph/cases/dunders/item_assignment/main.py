"""Item assignment and deletion, in-place operators and unary operators run the
project's protocol methods."""


class Grid:
    def __init__(self):
        self.cells = {}

    def __setitem__(self, key, value):
        self.cells[key] = value

    def __getitem__(self, key):
        return self.cells[key]

    def __delitem__(self, key):
        del self.cells[key]

    def __iadd__(self, other):
        self.cells.update(other.cells)
        return self

    def __neg__(self):
        g = Grid()
        for k, v in self.cells.items():
            g[k] = -v
        return g

    def __contains__(self, key):
        return key in self.cells


def main():
    g = Grid()
    g[0, 0] = 1
    g[0, 0] += 2
    other = Grid()
    other[1, 1] = 5
    g += other
    if (1, 1) in g:
        del g[1, 1]
    return -g


main()
