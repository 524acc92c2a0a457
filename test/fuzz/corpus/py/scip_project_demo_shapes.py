"""Shapes with non-ASCII names: columns differ between UTF-8 and UTF-16."""
import math


class Shape:
    """Base class."""

    def area(self) -> float:
        raise NotImplementedError

    def describe(self) -> str:
        return f"{type(self).__name__} 📐 {self.area():.2f}"


class Circle(Shape):
    def __init__(self, radius: float) -> None:
        self.radius = radius

    def area(self) -> float:
        return math.pi * self.radius ** 2


class Carré(Shape):
    def __init__(self, côté: float) -> None:
        self.côté = côté

    def area(self) -> float:
        label = "正方形🟦"; return self.côté * self.côté if label else 0.0
