"""A template method in a base class calls hooks that subclasses override (dispatch through self)."""


class Report:
    def render(self):
        return self.header() + self.body()

    def header(self):
        return "REPORT\n"

    def body(self):
        raise NotImplementedError


class SalesReport(Report):
    def body(self):
        return "sales"


class StockReport(Report):
    def header(self):
        return "STOCK\n"

    def body(self):
        return "stock"


SalesReport().render()
StockReport().render()
