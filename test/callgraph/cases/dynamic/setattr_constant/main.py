"""setattr with a constant name stores a function; a later attribute call runs it."""


def patched_now():
    return 0


class Clock:
    def now(self):
        return 1700000000


def freeze(clock):
    setattr(clock, "now", patched_now)
    return clock.now()


freeze(Clock())
