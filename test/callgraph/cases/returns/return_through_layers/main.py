"""A value returned through several functions before it is called."""


def get_parser():
    return parse_int


def parse_int(text):
    return int(text)


def resolve():
    return get_parser()


def run():
    parser = resolve()
    return parser("12")


run()
