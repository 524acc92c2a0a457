meta = True
