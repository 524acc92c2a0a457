"""A function returning a table of handlers (a dict of functions, a list of bound
methods); callers index what it returned and call it."""


def on_create(item):
    return ("created", item)


def on_delete(item):
    return ("deleted", item)


def handlers():
    return {"create": on_create, "delete": on_delete}


class Audit:
    def log(self, event):
        return event

    def alert(self, event):
        return event

    def sinks(self):
        return [self.log, self.alert]


def dispatch(kind, item):
    result = handlers()[kind](item)
    for sink in Audit().sinks():
        sink(result)
    return result


dispatch("create", 1)
dispatch("delete", 2)
