"""A global rebound inside a function through the global statement."""


def noop():
    return None


def verbose_hook():
    return "verbose"


hook = noop


def enable_verbose():
    global hook
    hook = verbose_hook


def work():
    hook()


enable_verbose()
work()
