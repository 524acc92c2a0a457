"""A metaclass of the project: every class statement it governs runs its __new__ and
__init__, subclasses included, as Django's ModelBase does for each model."""

registry = {}


def register(name, cls):
    registry[name] = cls


def check_fields(attrs):
    return [k for k in attrs if not k.startswith("_")]


class ModelMeta(type):
    def __new__(mcs, name, bases, attrs):
        check_fields(attrs)
        return super().__new__(mcs, name, bases, attrs)

    def __init__(cls, name, bases, attrs):
        super().__init__(name, bases, attrs)
        register(name, cls)


class Model(metaclass=ModelMeta):
    def save(self):
        return self


class User(Model):
    name = "x"


class Admin(User):
    level = 1


class Plain:
    pass


Admin().save()
