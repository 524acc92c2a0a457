def oops(:
    pass

values = (1,
