"""Algorithms over any graph of the library; users call them with their graphs."""


def degree_histogram(G):
    counts = {}
    for n in G.nodes():
        degree = sum(1 for _ in G.neighbors(n))
        counts[degree] = counts.get(degree, 0) + 1
    return counts


def is_connected(G):
    if G.is_directed():
        raise ValueError("is_connected is for undirected graphs")
    nodes = G.nodes()
    return len(_reach(G, nodes[0])) == len(G)


def to_adjacency(G):
    """Each node's neighbours, both ways for an undirected graph."""
    adjacency = {n: sorted(G.neighbors(n)) for n in G.nodes()}
    return adjacency, G.is_directed()


def _reach(G, start):
    seen = {start}
    todo = [start]
    while todo:
        for n in G.neighbors(todo.pop()):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen


def describe(text):
    """A title for a graph: text is a str, whose methods no class of the library has."""
    return text.strip().title()


def _dump(graph):
    """Never called: its parameter stays empty (a private helper is no entry point)."""
    return graph.nodes()
