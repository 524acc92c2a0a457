"""Functions bound by tuple assignment and swapped."""


def encode(text):
    return text.encode()


def decode(data):
    return data.decode()


first, second = encode, decode
second, first = first, second
first(b"abc")
