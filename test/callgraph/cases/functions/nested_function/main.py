"""A nested helper called by its enclosing function, and a same-named decoy at module level."""


def helper():
    return "module-level helper"


def summarize(numbers):
    def helper(xs):
        return sum(xs) / len(xs)
    return helper(numbers)


summarize([1, 2, 3])
