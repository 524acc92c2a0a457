"""A classmethod factory calling cls(), inherited by a subclass: cls is the subclass there."""


class Shape:
    registry = []

    def __init__(self, name):
        self.name = name

    @classmethod
    def create(cls, name):
        obj = cls(name)
        cls.registry.append(obj)
        return obj


class Circle(Shape):
    def __init__(self, name, radius=1):
        super().__init__(name)
        self.radius = radius


Circle.create("c")
