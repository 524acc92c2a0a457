def f():
    s = "ü"; global x; x: int
