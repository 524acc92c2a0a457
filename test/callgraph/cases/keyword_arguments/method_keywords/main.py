"""Keyword arguments to a method and to a constructor, with a keyword default that is a method."""


class Formatter:
    def upper(self, text):
        return text.upper()

    def lower(self, text):
        return text.lower()


class Printer:
    def __init__(self, formatter, style=None):
        self.format = style or formatter.lower

    def show(self, text, prefix=""):
        return prefix + self.format(text)


fmt = Formatter()
Printer(formatter=fmt, style=fmt.upper).show(prefix="> ", text="hi")
