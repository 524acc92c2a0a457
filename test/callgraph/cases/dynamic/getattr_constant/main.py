"""getattr with a constant name is an attribute access: the method is called."""


class Exporter:
    def to_csv(self):
        return "csv"

    def to_json(self):
        return "json"


def export(exporter):
    method = getattr(exporter, "to_csv")
    return method()


export(Exporter())
