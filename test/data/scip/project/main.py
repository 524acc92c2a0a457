import os.path
import json as j

from demo import Circle, Carré, área, greet
from demo.util import 二倍


def run() -> None:
    shapes = [Circle(1.0), Carré(2.0)]
    print("🚀 total:", área(shapes), greet("wörld"), 二倍(3))
    print(j.dumps({"ключ": os.path.join("a", "b")}))


if __name__ == "__main__":
    run()
