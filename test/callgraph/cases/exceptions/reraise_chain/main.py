"""raise ... from ...: both exception classes are instantiated by explicit calls."""


class StorageError(Exception):
    pass


class ConfigError(Exception):
    def __init__(self, path):
        super().__init__("cannot read " + path)
        self.path = path


def read_file(path):
    raise StorageError(path)


def load_config(path):
    try:
        return read_file(path)
    except StorageError as exc:
        raise ConfigError(path) from exc


try:
    load_config("/etc/app.conf")
except ConfigError:
    pass
