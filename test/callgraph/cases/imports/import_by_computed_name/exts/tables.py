class TableProcessor:
    def run(self, text):
        return text.replace("|", " ")


class TableExtension:
    def __init__(self, level=1, border=False):
        self.level = level
        self.border = border

    def extend(self, document):
        document.processors.register(TableProcessor())


def make_extension(**configs):
    return TableExtension(**configs)
