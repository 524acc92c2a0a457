"""Keys that are equal are one key: True is 1 and False is 0, so a display that repeats a
key keeps its last value, and d[True] reads what d[1] holds; d.get("name") reads that key. Keys
that differ stay apart."""


def enable():
    return "on"


def disable():
    return "off"


def legacy_enable():
    return "legacy on"


SWITCH = {1: legacy_enable, True: enable, 0: disable}
NAMES = {"on": enable, "off": disable, "on": legacy_enable}


def toggle(flag):
    return SWITCH[flag]()


def by_name():
    return NAMES["on"](), NAMES.get("off")()


def main():
    toggle(True)
    toggle(False)
    return SWITCH[1](), by_name()


main()
