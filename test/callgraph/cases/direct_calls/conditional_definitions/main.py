"""A function defined differently by condition (a platform or a feature switch), and a
method picked by a conditional expression: every definition may be the one called."""
import sys

if sys.platform == "win32":
    def clear():
        return "cls"
else:
    def clear():
        return "clear"

try:
    from fastjson import dumps
except ImportError:
    def dumps(obj):
        return repr(obj)


class Store:
    def save_fast(self, data):
        return dumps(data)

    def save_safe(self, data):
        return dumps(sorted(data))

    def save(self, data, fast=False):
        method = self.save_fast if fast else self.save_safe
        return method(data)


def main():
    clear()
    return Store().save([2, 1])


main()
