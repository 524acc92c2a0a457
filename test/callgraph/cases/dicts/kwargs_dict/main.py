"""A dict of callbacks passed around and updated with update() and setdefault()."""


def on_connect():
    return "connected"


def on_error():
    return "error"


def on_close():
    return "closed"


def make_hooks(**overrides):
    hooks = {"connect": on_connect}
    hooks.update(overrides)
    hooks.setdefault("close", on_close)
    return hooks


hooks = make_hooks(error=on_error)
hooks["connect"]()
hooks["close"]()
