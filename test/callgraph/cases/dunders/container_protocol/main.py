"""A mapping-like class: len, bool, indexing, assignment, deletion and `in`."""


class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.data = {}

    def __len__(self):
        return len(self.data)

    def __getitem__(self, key):
        return self.data[key]

    def __setitem__(self, key, value):
        if len(self) >= self.capacity:
            self.data.pop(next(iter(self.data)))
        self.data[key] = value

    def __delitem__(self, key):
        del self.data[key]

    def __contains__(self, key):
        return key in self.data


def use_cache():
    cache = LRUCache(2)
    cache["a"] = 1
    cache["b"] = 2
    if "a" in cache:
        del cache["a"]
    return cache["b"], len(cache), bool(cache)


use_cache()
