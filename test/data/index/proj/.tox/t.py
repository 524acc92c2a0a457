tox = True
