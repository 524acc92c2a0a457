"""Same names at several nesting levels: each call resolves in its own scope."""


def parse(text):
    return text.split()


def tokenize(text):
    def parse(chunk):
        return list(chunk)

    def inner(text):
        return parse(text)
    return inner(text)


def outer_user(text):
    return parse(text)


tokenize("ab")
outer_user("a b")
