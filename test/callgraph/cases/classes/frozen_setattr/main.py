"""An immutable object: its __setattr__ refuses assignment, so it sets its own attributes
with object.__setattr__(self, "name", value) and reads them back with
object.__getattribute__(self, "name"), which are the attributes' values as with setattr
and getattr. Every attribute store on an instance of a class defining __setattr__ runs
it, and every del its __delattr__; object.__setattr__ itself does not."""


class Settings:
    def __init__(self, loader, validator):
        object.__setattr__(self, "loader", loader)
        object.__setattr__(self, "validator", validator)

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name):
        raise AttributeError(f"{type(self).__name__} is read-only")

    def load(self, path):
        data = object.__getattribute__(self, "loader")(path)
        self.validator(data)
        return data


class Record:
    def __init__(self, **values):
        self.changed = set()
        for name, value in values.items():
            setattr(self, name, value)

    def __setattr__(self, name, value):
        if name != "changed":
            self.changed.add(name)
        super().__setattr__(name, value)


def read_file(path):
    return {"path": path}


def check(data):
    return "path" in data


def main():
    settings = Settings(read_file, check)
    settings.load("app.toml")
    try:
        settings.loader = None
    except AttributeError:
        pass
    try:
        del settings.validator
    except AttributeError:
        pass
    record = Record(owner="me")
    record.size = 3
    return record.changed


main()
