from ..util import helper as h


class Base:
    def __init__(self, name):
        self.name = name
        self.validate()

    def validate(self):
        return h(len(self.name))

    @classmethod
    def create(cls, name):
        return cls(name)

    def describe(self):
        return self.label()

    def label(self):
        return "base"
