"""A dict of settings unpacked into a class's constructor (Config(**settings)): the
keywords bind __init__'s parameters, whose values methods then call."""


def default_loader(path):
    return path


def yaml_loader(path):
    return path + ".yaml"


class Config:
    def __init__(self, name, loader=default_loader, **extra):
        self.name = name
        self.loader = loader
        self.extra = extra

    def load(self):
        return self.loader(self.name)


def build(**settings):
    return Config(**settings)


def main():
    cfg = build(name="app", loader=yaml_loader)
    return cfg.load()


main()
