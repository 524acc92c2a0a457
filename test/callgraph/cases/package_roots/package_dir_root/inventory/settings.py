def capacity():
    return 100
