"""A visitor dispatching on isinstance to methods of two node classes."""


class Number:
    def __init__(self, value):
        self.value = value

    def evaluate(self):
        return self.value


class Add:
    def __init__(self, left, right):
        self.left, self.right = left, right

    def evaluate(self):
        return self.left.evaluate() + self.right.evaluate()


def evaluate(node):
    if isinstance(node, (Number, Add)):
        return node.evaluate()
    raise TypeError(node)


evaluate(Add(Number(1), Number(2)))
