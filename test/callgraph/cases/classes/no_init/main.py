"""A class without __init__: calling it runs no project code, methods still resolve."""


class Registry:
    entries = {}

    def register(self, key, value):
        self.entries[key] = value

    def lookup(self, key):
        return self.entries.get(key)


r = Registry()
r.register("a", 1)
r.lookup("a")
