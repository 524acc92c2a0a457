class Engine:
    def __init__(self, url):
        self.url = url

    def connect(self):
        from . import backends
        from .backends import BACKENDS as table
        kind, _, path = self.url.partition("://")
        if kind == "sqlite":
            return backends.sqlite_connect(path)
        return table[kind](path)
