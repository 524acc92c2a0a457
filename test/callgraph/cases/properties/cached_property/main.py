"""functools.cached_property: the first read runs the function."""
import functools


def expensive_parse(text):
    return text.split(",")


class Document:
    def __init__(self, text):
        self.text = text

    @functools.cached_property
    def fields(self):
        return expensive_parse(self.text)


doc = Document("a,b,c")
doc.fields
doc.fields
