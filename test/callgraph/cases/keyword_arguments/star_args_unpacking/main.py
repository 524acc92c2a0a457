"""Arguments unpacked at the call site from a tuple and a dict."""


def make_point(x, y, transform=None):
    point = (x, y)
    return transform(point) if transform else point


def mirror(point):
    return (point[1], point[0])


coords = (1, 2)
opts = {"transform": mirror}
make_point(*coords, **opts)
