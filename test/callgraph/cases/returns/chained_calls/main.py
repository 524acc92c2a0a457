"""A fluent builder: each method returns self, calls are chained."""


class QueryBuilder:
    def __init__(self, table):
        self.table = table
        self.filters = []

    def where(self, clause):
        self.filters.append(clause)
        return self

    def limit(self, n):
        self.n = n
        return self

    def build(self):
        return "SELECT * FROM %s" % self.table


sql = QueryBuilder("users").where("age > 18").limit(10).build()
