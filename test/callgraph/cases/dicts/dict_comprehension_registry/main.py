"""A registry built by a dict comprehension over classes, and instances made from it by
key; methods called on what the registry made."""


class CsvReader:
    kind = "csv"

    def read(self, path):
        return "csv:" + path


class JsonReader:
    kind = "json"

    def read(self, path):
        return "json:" + path


READERS = {cls.kind: cls for cls in (CsvReader, JsonReader)}


def read(path):
    ext = path.rsplit(".", 1)[-1]
    reader = READERS[ext]()
    return reader.read(path)


read("a.csv")
read("b.json")
