"""Extensions loaded by a name only the caller knows, as Markdown loads its extensions:
importlib.import_module(name) without a constant package prefix may import any module of
the repository, and make_extension read off it is what each module binding that name binds.
A module without make_extension (exts.helpers) is no candidate, nor one that only imports
it (exts.compat); the extensions register processors that convert then runs."""
import importlib

from registry import Registry


class Document:
    def __init__(self):
        self.processors = Registry()

    def build_extension(self, name, configs):
        module = importlib.import_module(name)
        return module.make_extension(**configs)

    def use(self, names):
        for name in names:
            extension = self.build_extension(name, {"level": 2})
            extension.extend(self)
        return self

    def convert(self, text):
        for processor in self.processors:
            text = processor.run(text)
        return text


def main(argv):
    return Document().use(argv).convert("# Title")


main(["exts.toc", "exts.tables"])
