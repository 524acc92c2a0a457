"""An abstract property of a base class, overridden by properties of subclasses and read
through self in a method of the base."""
from abc import ABC, abstractmethod


class Exporter(ABC):
    @property
    @abstractmethod
    def extension(self):
        ...

    def filename(self, stem):
        return stem + "." + self.extension


class CsvExporter(Exporter):
    @property
    def extension(self):
        return "csv"


class JsonExporter(Exporter):
    @property
    def extension(self):
        return "json"


def main():
    return CsvExporter().filename("a"), JsonExporter().filename("b")


main()
