"""Containers run their elements' protocol methods: a set hashes what it adds and what it
is made from (set.add, frozenset(iterable), a set display, a dict's key), and tuples
compare element by element, the element's reflected method answering where the other's
gives NotImplemented (version keys holding an Infinity object, as packaging's do)."""


class InfinityType:
    def __repr__(self):
        return "Infinity"

    def __hash__(self):
        return hash(repr(self))

    def __lt__(self, other):
        return False

    def __eq__(self, other):
        return isinstance(other, self.__class__)

    def __gt__(self, other):
        return True


Infinity = InfinityType()


class Tag:
    def __init__(self, name):
        self.name = name

    def __hash__(self):
        return hash(self.name)

    def __eq__(self, other):
        return isinstance(other, Tag) and other.name == self.name


class Version:
    def __init__(self, release, pre=None):
        self._key = (release, Infinity if pre is None else pre)

    def __lt__(self, other):
        return self._key < other._key


def parse_tags(names):
    tags = set()
    for name in names:
        tags.add(Tag(name))
    return frozenset(tags)


def main():
    tags = parse_tags(["py3", "none", "py3"])
    index = {Tag("any"): "any"}
    known = {Tag("none")}
    return Version(1, 0) < Version(1), len(tags), index, known


main()
