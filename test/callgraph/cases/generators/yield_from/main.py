"""yield from delegating to sub-generators, recursively over a tree."""


class Node:
    def __init__(self, value, children=()):
        self.value = value
        self.children = children


def walk(node):
    yield node.value
    for child in node.children:
        yield from walk(child)


def leaves_first(node):
    yield from reversed(list(walk(node)))


list(leaves_first(Node(1, [Node(2), Node(3, [Node(4)])])))
