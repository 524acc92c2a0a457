"""operator.methodcaller calls the named method of its argument; attrgetter reads an
attribute (a property runs), itemgetter indexes."""
import operator


class Task:
    def __init__(self, name, prio):
        self.name = name
        self._prio = prio

    @property
    def priority(self):
        return self._prio

    def close(self):
        return self.name

    def cancel(self):
        return None


def close_all(tasks):
    closer = operator.methodcaller("close")
    return [closer(t) for t in tasks]


def by_priority(tasks):
    return sorted(tasks, key=operator.attrgetter("priority"))


tasks = [Task("a", 2), Task("b", 1)]
by_priority(tasks)
close_all(tasks)
