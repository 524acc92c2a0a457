from formats.base import BaseFormat


class Format(BaseFormat):
    def encode(self, rows):
        return ",".join(str(row) for row in rows)
