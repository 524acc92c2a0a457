"""A registry returns a class; calling the result instantiates it."""


class CsvExporter:
    def __init__(self):
        self.sep = ","

    def export(self, rows):
        return "\n".join(self.sep.join(r) for r in rows)


class TsvExporter:
    def __init__(self):
        self.sep = "\t"

    def export(self, rows):
        return "\n".join(self.sep.join(r) for r in rows)


def exporter_for(fmt):
    if fmt == "csv":
        return CsvExporter
    return TsvExporter


exporter = exporter_for("csv")()
exporter.export([["a", "b"]])
