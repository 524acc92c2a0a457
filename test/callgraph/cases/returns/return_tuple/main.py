"""A function returns a tuple of functions; the caller unpacks and calls them."""


def open_file(path):
    return "handle:" + path


def close_file(handle):
    return None


def file_ops():
    return open_file, close_file


opener, closer = file_ops()
h = opener("/tmp/x")
closer(h)
