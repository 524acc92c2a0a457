"""A C3 diamond: the method comes from the first class in the MRO that defines it."""


class Storage:
    def save(self, data):
        return "storage"

    def load(self):
        return "storage load"


class CachedStorage(Storage):
    def load(self):
        return "cached load"


class LoggedStorage(Storage):
    def save(self, data):
        return "logged save"

    def load(self):
        return "logged load"


class Repository(CachedStorage, LoggedStorage):
    pass


repo = Repository()
repo.save("x")   # MRO: Repository, CachedStorage, LoggedStorage, Storage -> LoggedStorage.save
repo.load()      # -> CachedStorage.load
