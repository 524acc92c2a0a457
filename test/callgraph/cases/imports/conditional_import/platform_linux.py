def open_device(path):
    return "linux:" + path
