"""Handlers kept in a defaultdict(list), a defaultdict(set) and a defaultdict(dict): the
container the factory makes for a missing key is the dict's item, so what
d[key].append(fn) adds is what d.get(key) and d[key] read elsewhere. A registry that
subclasses dict keeps what self[name] = cls stores for registry[name] to read."""
from collections import OrderedDict, defaultdict

from plugins import export_csv, export_json, index, log_error, log_info, on_save


class Signals:
    def __init__(self):
        self.receivers = defaultdict(list)
        self.once = defaultdict(set)
        self.routes = defaultdict(dict)

    def connect(self, name, receiver):
        self.receivers[name].append(receiver)

    def connect_once(self, name, receiver):
        self.once[name].add(receiver)

    def route(self, method, path, view):
        self.routes[method][path] = view

    def send(self, name, payload):
        results = [receiver(payload) for receiver in self.receivers.get(name, [])]
        for receiver in self.once.pop(name, ()):
            results.append(receiver(payload))
        return results

    def dispatch(self, method, path):
        return self.routes[method][path]()


class Exporters(OrderedDict):
    def register(self, name):
        def deco(fn):
            self[name] = fn
            return fn
        return deco


exporters = Exporters()
exporters.register("csv")(export_csv)
exporters.register("json")(export_json)


def main():
    signals = Signals()
    signals.connect("log", log_info)
    signals.connect("log", log_error)
    signals.connect_once("save", on_save)
    signals.route("GET", "/", index)
    signals.send("log", "hello")
    signals.send("save", "doc")
    signals.dispatch("GET", "/")
    return [exporters[name]() for name in ("csv", "json")]


main()
