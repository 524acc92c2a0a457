"""A user of netlite (outside the indexed repository)."""
from netlite import DiGraph, Graph, degree_histogram, describe, is_connected

g = Graph()
g.add_edge(1, 2)
g.add_edge(2, 3)
d = DiGraph()
d.add_edge(1, 2)
print(describe("  path "), degree_histogram(g), degree_histogram(d), is_connected(g))
try:
    is_connected(d)
except ValueError:
    pass
