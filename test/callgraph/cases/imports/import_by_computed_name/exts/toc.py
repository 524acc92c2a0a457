from exts.helpers import run as clean


class TocProcessor:
    def run(self, text):
        return clean(text) + "\n[toc]"


class TocExtension:
    def __init__(self, level=1):
        self.level = level

    def extend(self, document):
        document.processors.register(TocProcessor())


def make_extension(**configs):
    return TocExtension(**configs)
