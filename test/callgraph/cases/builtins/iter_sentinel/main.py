"""iter(callable, sentinel) calls the callable until it returns the sentinel: a block
reader, a queue drained with a bound method or a lambda. With one argument iter() calls
nothing but __iter__."""
import functools


class Source:
    def __init__(self, data, size):
        self.data = data
        self.size = size
        self.pos = 0

    def read(self, n):
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def next_line(self):
        return self.read(self.size)


def blocks(source):
    return [block.upper() for block in iter(functools.partial(source.read, 2), "")]


def lines(source):
    for line in iter(source.next_line, ""):
        yield line


def drain(queue):
    return list(iter(lambda: queue.pop() if queue else None, None))


def plain(items):
    return next(iter(items))


def main():
    blocks(Source("abcdef", 2))
    list(lines(Source("xyz", 1)))
    drain([1, 2])
    plain([3])


main()
