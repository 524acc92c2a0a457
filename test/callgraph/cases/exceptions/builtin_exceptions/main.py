"""Builtin exceptions raised and caught; handlers call project functions."""


def parse_port(text):
    value = int(text)
    if not 0 < value < 65536:
        raise ValueError("port out of range: %d" % value)
    return value


def default_port():
    return 8080


def port_from(text):
    try:
        return parse_port(text)
    except (TypeError, ValueError):
        return default_port()


port_from("99999")
