"""Absolute imports of a module, a function, and aliases of both."""
import utils
import utils as u
from utils import slugify
from utils import slugify as make_slug

utils.slugify("A")
u.truncate("abc", 2)
slugify("B")
make_slug("C")
