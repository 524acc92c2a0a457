"""Cooperative super().__init__ chains through a diamond: each __init__ runs once, in MRO order."""


class Base:
    def __init__(self, **kwargs):
        self.ready = True


class WithName(Base):
    def __init__(self, name="", **kwargs):
        super().__init__(**kwargs)
        self.name = name


class WithAge(Base):
    def __init__(self, age=0, **kwargs):
        super().__init__(**kwargs)
        self.age = age


class Person(WithName, WithAge):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)


Person(name="ada", age=36)
