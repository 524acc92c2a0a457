"""Functions stored in nested dicts (a config tree) and in a dict attribute of an object."""


def gzip_compress(data):
    return b"gz" + data


def no_compress(data):
    return data


class Router:
    def __init__(self):
        self.routes = {}

    def add(self, path, view):
        self.routes[path] = view

    def handle(self, path):
        return self.routes[path]()


def index_view():
    return "index"


CONFIG = {"storage": {"compress": gzip_compress}}
CONFIG["storage"]["compress"](b"x")
router = Router()
router.add("/", index_view)
router.handle("/")
