class Registry:
    def __init__(self):
        self._items = []

    def register(self, item):
        self._items.append(item)

    def __iter__(self):
        return iter(self._items)
