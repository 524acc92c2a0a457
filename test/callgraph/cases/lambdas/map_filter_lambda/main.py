"""map() and filter() with lambdas: the builtins call them from the caller."""


def normalize(word):
    return word.strip().lower()


def keep(word):
    return len(word) > 2


def clean(words):
    kept = filter(lambda w: keep(w), words)
    return list(map(lambda w: normalize(w), kept))


clean([" The ", "a", "Cat"])
