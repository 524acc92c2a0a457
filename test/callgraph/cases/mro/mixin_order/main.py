"""Mixins in front of a base: the leftmost mixin's method wins, and super() chains onward."""


class JsonMixin:
    def serialize(self):
        return "json(" + super().serialize() + ")"


class CompressMixin:
    def serialize(self):
        return "zip(" + super().serialize() + ")"


class Document:
    def serialize(self):
        return "doc"


class Upload(JsonMixin, CompressMixin, Document):
    pass


Upload().serialize()
