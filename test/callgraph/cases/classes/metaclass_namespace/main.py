"""A metaclass reads and rewrites the namespace of the class body before the class is
made: Pygments wraps each lexer's analyse_text in a static function calling it, Django's
ModelBase takes the fields out of the body and hands each to contribute_to_class."""


def make_analyser(f):
    def analyse(text):
        return min(1.0, max(0.0, float(f(text) or 0)))

    return staticmethod(analyse)


class LexerMeta(type):
    def __new__(mcs, name, bases, d):
        if "analyse_text" in d:
            d["analyse_text"] = make_analyser(d["analyse_text"])
        return type.__new__(mcs, name, bases, d)


class Lexer(metaclass=LexerMeta):
    def analyse_text(text):
        return 0.0


class PythonLexer(Lexer):
    def analyse_text(text):
        return text.startswith("#!") and 1.0


class Field:
    def contribute_to_class(self, cls, name):
        cls.columns.append(name)


class Manager:
    def contribute_to_class(self, cls, name):
        cls.manager = self


class NotAField:
    def contribute_to_class(self, cls, name):
        raise AssertionError("never in a model body")


class ModelBase(type):
    def __new__(mcs, name, bases, attrs):
        contributable = {}
        for key, value in list(attrs.items()):
            if hasattr(value, "contribute_to_class"):
                contributable[key] = attrs.pop(key)
        cls = super().__new__(mcs, name, bases, attrs)
        cls.columns = []
        for key, value in contributable.items():
            value.contribute_to_class(cls, key)
        return cls


class Model(metaclass=ModelBase):
    pass


class Article(Model):
    title = Field()
    objects = Manager()


def guess(text):
    return max([PythonLexer, Lexer], key=lambda lexer: lexer.analyse_text(text))


decoy = NotAField()
guess("#!/usr/bin/python")
