class BaseFormat:
    def dump(self, rows):
        return self.encode(rows)

    def encode(self, rows):
        raise NotImplementedError
