class Graph:
    def __init__(self):
        self._adj = {}

    def add_edge(self, u, v):
        self._adj.setdefault(u, set()).add(v)
        self._adj.setdefault(v, set()).add(u)

    def neighbors(self, n):
        return iter(self._adj[n])

    def nodes(self):
        return list(self._adj)

    def is_directed(self):
        return False

    def __len__(self):
        return len(self._adj)


class DiGraph(Graph):
    def add_edge(self, u, v):
        self._adj.setdefault(u, set()).add(v)
        self._adj.setdefault(v, set())

    def is_directed(self):
        return True
