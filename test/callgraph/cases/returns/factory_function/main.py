"""A factory returns an instance; its method is called on the result."""


class Connection:
    def __init__(self, dsn):
        self.dsn = dsn

    def execute(self, sql):
        return (self.dsn, sql)


def connect(dsn):
    return Connection(dsn)


conn = connect("postgres://localhost/app")
conn.execute("SELECT 1")
