"""A module-level variable replaced through the module object by another module."""
import settings
import plugins

plugins.install()
settings.handler("event")
