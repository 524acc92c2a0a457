from .tokens import split_words  # noqa: F401
