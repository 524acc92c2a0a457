"""functools.partial: calling the partial object calls the wrapped function."""
import functools


def send(channel, message, urgent=False):
    return (channel, message, urgent)


alert_ops = functools.partial(send, "#ops", urgent=True)
alert_ops("disk full")
