"""A class attribute holding a function, and instance attributes holding other objects."""


def json_serializer(obj):
    return "{}"


class Storage:
    def __init__(self, path):
        self.path = path

    def write(self, data):
        return (self.path, data)


class Model:
    serializer = staticmethod(json_serializer)

    def __init__(self):
        self.storage = Storage("/tmp/model")

    def save(self):
        return self.storage.write(self.serializer(self))


Model().save()
