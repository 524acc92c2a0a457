from .. import split_words


def word_count(text):
    return len(split_words(text))
