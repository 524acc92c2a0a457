from backends.base_wrapper import BaseDatabaseWrapper


class SQLiteCursor:
    def execute(self, sql):
        return [sql]


class DatabaseWrapper(BaseDatabaseWrapper):
    def create_cursor(self):
        return SQLiteCursor()
