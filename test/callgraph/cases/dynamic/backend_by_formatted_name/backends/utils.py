class CursorWrapper:
    def __init__(self, cursor):
        self.cursor = cursor

    def execute(self, sql):
        return self.cursor.execute(sql)
