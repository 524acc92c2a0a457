class Report:
    def __init__(self, name, sections):
        self.name = name
        self.sections = sections

    @property
    def title(self):
        return self.name.upper()

    @property
    def pages(self):
        return len(self.sections)

    @property
    def summary(self):
        return ", ".join(self.sections)

    def render(self):
        return "%s (%d)" % (self.title, self.pages)


class EnvFlag:
    def __init__(self, default):
        self.default = default

    def __get__(self, obj, owner=None):
        return self.default


class Config:
    debug = EnvFlag(False)

    def __init__(self):
        self.name = "app"
