"""A global written in one module and read in others."""
from web.request import arg

STATE = arg("state")
SAFE = "ls"
