"""partial imported by name, used for callbacks stored in a list."""
from functools import partial


def notify(user, event):
    return "%s: %s" % (user, event)


def archive(event):
    return event


callbacks = [partial(notify, "alice"), partial(notify, "bob"), archive]
for callback in callbacks:
    callback("deploy")
