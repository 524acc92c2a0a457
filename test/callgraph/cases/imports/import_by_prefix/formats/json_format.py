import json

from formats.base import BaseFormat


class Format(BaseFormat):
    def encode(self, rows):
        return json.dumps(rows)
