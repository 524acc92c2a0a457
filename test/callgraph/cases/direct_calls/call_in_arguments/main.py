"""Calls nested inside the arguments of other calls, and a call as a default value."""


def now():
    return 1700000000


def fmt(ts, fmt_string="%Y"):
    return "%s:%s" % (fmt_string, ts)


def log(message, stamp=now()):
    return "[%s] %s" % (stamp, message)


def shout(text):
    return text.upper()


log(shout(fmt(now())))
