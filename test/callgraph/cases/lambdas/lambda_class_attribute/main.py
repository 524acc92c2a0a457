"""Lambdas stored as class attributes: read off an instance they bind as methods do
(self first); a staticmethod-wrapped one does not."""


def shout(text):
    return text.upper()


class Formatter:
    transform = lambda self, text: shout(text)
    strip = staticmethod(lambda text: text.strip())

    def apply(self, text):
        return self.transform(self.strip(text))


Formatter().apply(" hi ")
