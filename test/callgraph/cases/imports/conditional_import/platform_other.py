def open_device(path):
    return "other:" + path
