def valid_path(path):
    return path.startswith("/")
