"""Demo package for the SCIP fixtures."""
from demo.shapes import Shape, Circle, Carré
from demo.util import área, greet

__all__ = ["Shape", "Circle", "Carré", "área", "greet"]
