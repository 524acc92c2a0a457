"""A package whose old names still import, through module __getattr__ (PEP 562)."""
from textkit.tokens import split_words


def __getattr__(name):
    if name == "tokenize":
        import warnings

        warnings.warn("textkit.tokenize is now split_words", DeprecationWarning, stacklevel=2)
        return split_words
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
