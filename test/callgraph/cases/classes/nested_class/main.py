"""A class nested in a class and one defined inside a function."""


class Config:
    class Defaults:
        def timeout(self):
            return 30

    def __init__(self):
        self.defaults = Config.Defaults()


def make_error_type(base_message):
    class ConfigError(Exception):
        def describe(self):
            return base_message
    return ConfigError


Config().defaults.timeout()
error_type = make_error_type("bad config")
error_type("x").describe()
