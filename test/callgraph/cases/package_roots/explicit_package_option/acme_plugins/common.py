def header(name):
    return "ACME " + name
