"""A small pipeline: each step calls the next; one helper is defined but never called."""


def read_lines(text):
    return text.splitlines()


def strip_comments(lines):
    return [line for line in lines if not line.startswith("#")]


def count_words(lines):
    return sum(len(line.split()) for line in lines)


def unused_helper(lines):
    # Never called: no edge may point here.
    return count_words(lines) * 2


def word_count(text):
    lines = read_lines(text)
    lines = strip_comments(lines)
    return count_words(lines)


if __name__ == "main":
    word_count("# header\nhello world\nbye")
