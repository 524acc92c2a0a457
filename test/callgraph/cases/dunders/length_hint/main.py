"""Building a list or a tuple from an object asks its __len__ for a length hint first
(list(), tuple(), sorted(), list.extend(), * into a list, a tuple or a call's arguments);
set(), a * into a set and a plain for loop do not, and an object without __len__ is only
iterated."""


class Stream:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        yield from range(self.n)


class Bag:
    def __init__(self, items):
        self.items = items

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


def total(*values):
    return sum(values)


def as_list(bag):
    return list(bag)


def as_tuple(bag):
    return tuple(bag)


def ordered(bag):
    return sorted(bag)


def spread(bag):
    return [*bag]


def spread_call(bag):
    return total(*bag)


def extend(bag):
    out = []
    out.extend(bag)
    return out


def as_set(bag):
    return set(bag), {*bag}


def spread_tuple(bag, stream):
    return (*bag, 0), (*stream,)


def drain(stream):
    return list(stream)


def joined(bag):
    return "".join(str(x) for x in bag)


def main():
    bag = Bag([3, 1, 2])
    stream = Stream(3)
    return (as_list(bag), as_tuple(bag), ordered(bag), spread(bag), spread_call(bag), extend(bag),
            joined(bag), as_set(bag), spread_tuple(bag, stream), drain(stream))


main()
