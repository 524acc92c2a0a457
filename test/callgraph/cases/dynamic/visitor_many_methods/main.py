"""A visitor with more methods than any one value may hold (34), dispatched by a name the
method builds in a variable first, as ast.NodeVisitor does: method = "visit_" +
type(node).__name__; getattr(self, method, self.generic_visit). Every visit_ method of the
visitor (and of nothing else) is a possible callee of visit."""
import nodes as n


class Visitor:
    def visit(self, node):
        method = "visit_" + type(node).__name__
        visitor = getattr(self, method, self.generic_visit)
        return visitor(node)

    def generic_visit(self, node):
        raise TypeError(type(node).__name__)

    def binary(self, node, op):
        return "(%s %s %s)" % (self.visit(node.left), op, self.visit(node.right))

    def many(self, items):
        return ", ".join(self.visit(item) for item in items)


class SqlWriter(Visitor):
    def visit_Literal(self, node):
        return repr(node.value)

    def visit_Column(self, node):
        return node.name

    def visit_Star(self, node):
        return "*"

    def visit_Param(self, node):
        return "$%d" % node.index

    def visit_Add(self, node):
        return self.binary(node, "+")

    def visit_Sub(self, node):
        return self.binary(node, "-")

    def visit_Mul(self, node):
        return self.binary(node, "*")

    def visit_Div(self, node):
        return self.binary(node, "/")

    def visit_Mod(self, node):
        return self.binary(node, "%")

    def visit_Neg(self, node):
        return "-" + self.visit(node.operand)

    def visit_Eq(self, node):
        return self.binary(node, "=")

    def visit_Ne(self, node):
        return self.binary(node, "<>")

    def visit_Lt(self, node):
        return self.binary(node, "<")

    def visit_Le(self, node):
        return self.binary(node, "<=")

    def visit_Gt(self, node):
        return self.binary(node, ">")

    def visit_Ge(self, node):
        return self.binary(node, ">=")

    def visit_And(self, node):
        return self.binary(node, "AND")

    def visit_Or(self, node):
        return self.binary(node, "OR")

    def visit_Not(self, node):
        return "NOT " + self.visit(node.operand)

    def visit_IsNull(self, node):
        return self.visit(node.operand) + " IS NULL"

    def visit_Like(self, node):
        return "%s LIKE %s" % (self.visit(node.left), self.visit(node.pattern))

    def visit_In(self, node):
        return "%s IN (%s)" % (self.visit(node.left), self.many(node.items))

    def visit_Between(self, node):
        return "%s BETWEEN %s AND %s" % (self.visit(node.operand), self.visit(node.low), self.visit(node.high))

    def visit_Case(self, node):
        whens = " ".join(self.visit(when) for when in node.whens)
        return "CASE %s ELSE %s END" % (whens, self.visit(node.default))

    def visit_When(self, node):
        return "WHEN %s THEN %s" % (self.visit(node.condition), self.visit(node.result))

    def visit_Cast(self, node):
        return "CAST(%s AS %s)" % (self.visit(node.operand), node.type_name)

    def visit_Call(self, node):
        return "%s(%s)" % (node.function, self.many(node.args))

    def visit_Alias(self, node):
        return "%s AS %s" % (self.visit(node.expr), node.name)

    def visit_Table(self, node):
        return node.name

    def visit_Join(self, node):
        return "%s JOIN %s ON %s" % (self.visit(node.left), self.visit(node.right), self.visit(node.on))

    def visit_OrderBy(self, node):
        return self.visit(node.expr) + (" DESC" if node.descending else "")

    def visit_Limit(self, node):
        return "LIMIT %s" % self.visit(node.count)

    def visit_Select(self, node):
        sql = "SELECT %s FROM %s" % (self.many(node.columns), self.visit(node.source))
        if node.where is not None:
            sql += " WHERE " + self.visit(node.where)
        if node.order:
            sql += " ORDER BY " + self.many(node.order)
        if node.limit is not None:
            sql += " " + self.visit(node.limit)
        return sql


def example():
    price = n.Column("price")
    tax = n.Mul(price, n.Literal(0.2))
    condition = n.Or(
        n.And(n.Gt(price, n.Param(1)), n.Le(price, n.Param(2))),
        n.And(n.Not(n.IsNull(n.Column("name"))), n.Like(n.Column("name"), n.Literal("a%"))),
    )
    condition = n.And(condition, n.Or(n.Eq(n.Column("kind"), n.Literal("x")), n.Ne(n.Column("kind"), n.Literal("y"))))
    condition = n.And(condition, n.Or(n.Lt(n.Neg(price), n.Literal(0)), n.Ge(n.Mod(price, n.Literal(2)), n.Literal(1))))
    condition = n.And(condition, n.In(n.Column("id"), [n.Literal(1), n.Sub(n.Literal(3), n.Literal(1))]))
    condition = n.And(condition, n.Between(n.Div(price, n.Literal(2)), n.Literal(1), n.Add(n.Literal(5), n.Literal(5))))
    label = n.Case([n.When(n.Gt(price, n.Literal(10)), n.Literal("high"))], n.Literal("low"))
    columns = [n.Star(), n.Alias(tax, "tax"), n.Alias(label, "band"), n.Cast(price, "text"), n.Call("lower", [n.Column("name")])]
    source = n.Join(n.Table("items"), n.Table("kinds"), n.Eq(n.Column("kind"), n.Column("kinds.id")))
    return n.Select(columns, source, condition, [n.OrderBy(price, True)], n.Limit(n.Literal(10)))


def main():
    writer = SqlWriter()
    try:
        writer.visit(n.Node())
    except TypeError as error:
        print("cannot write", error)
    return writer.visit(example())


main()
