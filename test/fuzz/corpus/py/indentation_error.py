def f():
    s = "é"
      t = 1
