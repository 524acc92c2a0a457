from backends.base_wrapper import BaseDatabaseWrapper


class PostgresCursor:
    def __init__(self, name=None):
        self.name = name

    def execute(self, sql):
        return [sql.upper()]


class DatabaseWrapper(BaseDatabaseWrapper):
    def __init__(self, alias):
        super().__init__(alias)
        self.isolation = "read committed"

    def create_cursor(self):
        return PostgresCursor()
