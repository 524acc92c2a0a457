def sqlite_connect(path):
    return ("sqlite", path)


def memory_connect(path):
    return ("memory", path)


BACKENDS = {"sqlite": sqlite_connect, "memory": memory_connect}
