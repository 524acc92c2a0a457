"""A small graph library: its functions take the graphs their users build."""
from netlite.algorithms import degree_histogram, describe, is_connected, to_adjacency
from netlite.graph import DiGraph, Graph

__all__ = ["DiGraph", "Graph", "degree_histogram", "describe", "is_connected", "to_adjacency"]
