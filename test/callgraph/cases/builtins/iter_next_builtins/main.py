"""iter() and next() on a project iterable, with a default for next()."""


class Tokens:
    def __init__(self, text):
        self.words = text.split()
        self.index = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.index >= len(self.words):
            raise StopIteration
        self.index += 1
        return self.words[self.index - 1]


def first_two(text):
    it = iter(Tokens(text))
    return next(it), next(it, None)


first_two("hello")
