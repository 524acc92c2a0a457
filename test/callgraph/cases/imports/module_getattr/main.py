"""Module-level __getattr__ (PEP 562) runs for a name the module does not bind: an old
name imported from the package or read off a module object gets what it returns, and
`from module import name` looks the module's __path__ up first, which runs it too when the
module is no package; a name it refuses raises ImportError. A name the module binds never
runs it."""
import textkit
import textkit.tokens
from textkit import tokenize
from textkit.tokens import split_words

try:
    from textkit import stem
except ImportError:
    stem = None


def count(text):
    return len(split_words(text))


def legacy(text):
    return tokenize(text)


def by_attribute(text):
    return textkit.tokens.lines(text)


def main():
    count("a b")
    legacy("c d")
    by_attribute("e\nf")
    return textkit.split_words("g")


main()
