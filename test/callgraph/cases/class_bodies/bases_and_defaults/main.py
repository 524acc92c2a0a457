"""Base-class expressions and default values are evaluated by the enclosing scope."""


def pick_base():
    return dict


def default_timeout():
    return 30


class Options(pick_base()):
    def connect(self, timeout=default_timeout()):
        return timeout


Options().connect()
