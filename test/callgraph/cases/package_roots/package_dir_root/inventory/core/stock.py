from ..settings import capacity


class Stock:
    def __init__(self, limit):
        self.limit = min(limit, capacity())
        self.items = {}

    def add(self, name, qty):
        self.items[name] = self.items.get(name, 0) + qty
