"""super() in a classmethod and in a staticmethod-free hierarchy of alternative
constructors: each class's create calls its base's through super()."""


class Model:
    registry = []

    @classmethod
    def create(cls, **fields):
        obj = cls()
        cls.registry.append(obj)
        return obj

    def save(self):
        return True


class Timestamped(Model):
    @classmethod
    def create(cls, **fields):
        obj = super().create(**fields)
        obj.stamp()
        return obj

    def stamp(self):
        self.ts = 0


class User(Timestamped):
    @classmethod
    def create(cls, **fields):
        user = super(User, cls).create(**fields)
        user.save()
        return user


User.create(name="ann")
