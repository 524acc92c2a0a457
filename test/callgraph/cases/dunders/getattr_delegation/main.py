"""A proxy whose __getattr__ delegates to a wrapped object: reading an attribute the
proxy lacks runs __getattr__ (not for names the proxy has)."""


class Connection:
    def execute(self, sql):
        return sql

    def close(self):
        return None


class LoggingProxy:
    def __init__(self, target):
        self._target = target
        self.log = []

    def __getattr__(self, name):
        self.log.append(name)
        return getattr(self._target, name)

    def flush(self):
        self.log.clear()


def use(conn):
    proxy = LoggingProxy(conn)
    proxy.execute("select 1")
    proxy.flush()
    return proxy.log


use(Connection())
