"""A generator function consumed by for: calling it is the edge; its body calls a helper."""


def parse_line(line):
    return line.strip().split("=")


def read_settings(text):
    for line in text.splitlines():
        if line:
            yield parse_line(line)


def load(text):
    return {key: value for key, value in read_settings(text)}


load("a=1\nb=2\n")
