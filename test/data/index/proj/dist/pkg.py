packaged = True
