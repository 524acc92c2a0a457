def bom():
    return "bom"
