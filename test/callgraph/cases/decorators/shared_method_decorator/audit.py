import functools

LOG = []


def audited(func):
    @functools.wraps(func)
    def wrapper(self, *args, **kwargs):
        LOG.append((type(self).__name__, func.__name__))
        return func(self, *args, **kwargs)

    return wrapper


class lazy:
    def __init__(self, fget):
        self.fget = fget
        self.name = fget.__name__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fget(obj)
        return value
