"""Functions taken from a list by constant index and from a set."""


def red():
    return "#f00"


def green():
    return "#0f0"


def blue():
    return "#00f"


PALETTE = [red, green]
EXTRA = {blue}


def primary():
    return PALETTE[0]()


def extras():
    return [color() for color in EXTRA]


primary()
extras()
