"""`from pkg import submodule` runs the submodule; `from pkg import name` does not."""
from plugins import markdown, VERSION
from plugins.extra import emoji

markdown.render("*x*")
emoji.replace(":)")
