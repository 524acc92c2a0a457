from backends.utils import CursorWrapper


class BaseDatabaseWrapper:
    def __init__(self, alias):
        self.alias = alias

    def cursor(self):
        return CursorWrapper(self.create_cursor())

    def create_cursor(self):
        raise NotImplementedError
