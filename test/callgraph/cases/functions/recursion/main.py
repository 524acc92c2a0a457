"""Direct recursion and recursion through a nested function."""


def factorial(n):
    return 1 if n <= 1 else n * factorial(n - 1)


def flatten(tree):
    out = []

    def walk(node):
        if isinstance(node, list):
            for child in node:
                walk(child)
        else:
            out.append(node)
    walk(tree)
    return out


factorial(5)
flatten([1, [2, [3]]])
