"""A user of netlite (outside the indexed repository)."""
from netlite import DiGraph, Graph, degree_histogram, describe, is_connected, to_adjacency

g = Graph()
g.add_edge(1, 2)
g.add_edge(2, 3)
d = DiGraph()
d.add_edge(1, 2)
print(describe("  path "), degree_histogram(g), degree_histogram(d), is_connected(g))
print(to_adjacency(g), to_adjacency(d))
try:
    is_connected(d)
except ValueError:
    pass
