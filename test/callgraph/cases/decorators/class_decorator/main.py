"""A class decorator adding a method, and a method decorator on a class body."""


def add_repr(cls):
    def __repr__(self):
        return "<%s>" % cls.__name__
    cls.__repr__ = __repr__
    return cls


def deprecated(func):
    def wrapper(self):
        warn(func.__name__)
        return func(self)
    return wrapper


def warn(name):
    return name + " is deprecated"


@add_repr
class Model:
    @deprecated
    def save(self):
        return "saved"


m = Model()
m.save()
repr(m)
