_missing = object()


class cached_property(property):
    def __init__(self, fget, name=None, doc=None):
        super().__init__(fget, doc=doc)
        self.__name__ = name or fget.__name__

    def __set__(self, obj, value):
        obj.__dict__[self.__name__] = value

    def __get__(self, obj, type=None):
        if obj is None:
            return self
        value = obj.__dict__.get(self.__name__, _missing)
        if value is _missing:
            value = self.fget(obj)
            obj.__dict__[self.__name__] = value
        return value


def log(event, name):
    return "%s %s" % (event, name)


class logged_property(property):
    def __get__(self, obj, type=None):
        if obj is None:
            return self
        log("get", self.fget.__name__)
        return self.fget(obj)

    def __set__(self, obj, value):
        log("set", self.fget.__name__)
        self.fset(obj, value)
