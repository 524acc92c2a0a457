"""An identity-like helper returns its argument: the returned function is then called."""


def choose(primary, fallback, use_primary):
    return primary if use_primary else fallback


def fast_path():
    return "fast"


def slow_path():
    return "slow"


handler = choose(fast_path, slow_path, True)
handler()
