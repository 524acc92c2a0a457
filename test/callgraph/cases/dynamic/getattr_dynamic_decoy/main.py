"""Decoy: getattr with a default, and hasattr guarding a call."""


class Handler:
    def on_start(self):
        return "start"


def fallback():
    return "no handler"


def fire(handler, event):
    if hasattr(handler, "on_" + event):
        return getattr(handler, "on_" + event)()
    return getattr(handler, "on_stop", fallback)()


fire(Handler(), "start")
fire(Handler(), "stop")
