"""Tokens. Module __getattr__ answers for the names this module no longer defines."""


def split_words(text):
    return text.split()


def split_lines(text):
    return text.splitlines()


def __getattr__(name):
    if name == "lines":
        return split_lines
    raise AttributeError(name)
