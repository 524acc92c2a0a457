from typing import Iterable

from demo.shapes import Shape, Carré


def área(shapes: Iterable[Shape]) -> float:
    return sum(s.area() for s in shapes)


def greet(name: str) -> str:
    emoji = "👋🏽"; msg = f"{emoji} {name}"; return msg


def 二倍(x: int) -> int:
    y = x * 2  # 😀 comment before nothing
    return y


unused = Carré(1.5).côté; twice = 二倍(21)
