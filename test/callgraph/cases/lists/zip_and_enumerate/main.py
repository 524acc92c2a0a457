"""Functions paired with data through zip() and enumerate(), then called."""


def to_int(text):
    return int(text)


def to_float(text):
    return float(text)


CONVERTERS = [to_int, to_float]


def convert_row(row):
    return [convert(cell) for convert, cell in zip(CONVERTERS, row)]


def numbered():
    return [(i, f("1")) for i, f in enumerate(CONVERTERS)]


convert_row(["1", "2.5"])
numbered()
