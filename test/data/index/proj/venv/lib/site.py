site = True
