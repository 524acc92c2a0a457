def encode(text):
    return text.encode("latin-1")
