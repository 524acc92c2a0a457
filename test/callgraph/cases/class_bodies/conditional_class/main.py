"""Class statements under if/else at module level: both bodies are possible."""
import sys


def native_path(p):
    return p


class BasePath:
    def join(self, other):
        return other


if sys.platform == "win32":
    class Path(BasePath):
        sep = "\\"
else:
    class Path(BasePath):
        sep = "/"


Path().join("x")
native_path("y")
