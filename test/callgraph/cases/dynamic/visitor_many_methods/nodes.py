"""The nodes of a small query language."""


class Node:
    fields = ()

    def __init__(self, *values):
        for name, value in zip(self.fields, values):
            setattr(self, name, value)


class Literal(Node):
    fields = ("value",)


class Column(Node):
    fields = ("name",)


class Star(Node):
    pass


class Param(Node):
    fields = ("index",)


class Add(Node):
    fields = ("left", "right")


class Sub(Node):
    fields = ("left", "right")


class Mul(Node):
    fields = ("left", "right")


class Div(Node):
    fields = ("left", "right")


class Mod(Node):
    fields = ("left", "right")


class Neg(Node):
    fields = ("operand",)


class Eq(Node):
    fields = ("left", "right")


class Ne(Node):
    fields = ("left", "right")


class Lt(Node):
    fields = ("left", "right")


class Le(Node):
    fields = ("left", "right")


class Gt(Node):
    fields = ("left", "right")


class Ge(Node):
    fields = ("left", "right")


class And(Node):
    fields = ("left", "right")


class Or(Node):
    fields = ("left", "right")


class Not(Node):
    fields = ("operand",)


class IsNull(Node):
    fields = ("operand",)


class Like(Node):
    fields = ("left", "pattern")


class In(Node):
    fields = ("left", "items")


class Between(Node):
    fields = ("operand", "low", "high")


class Case(Node):
    fields = ("whens", "default")


class When(Node):
    fields = ("condition", "result")


class Cast(Node):
    fields = ("operand", "type_name")


class Call(Node):
    fields = ("function", "args")


class Alias(Node):
    fields = ("expr", "name")


class Table(Node):
    fields = ("name",)


class Join(Node):
    fields = ("left", "right", "on")


class OrderBy(Node):
    fields = ("expr", "descending")


class Limit(Node):
    fields = ("count",)


class Select(Node):
    fields = ("columns", "source", "where", "order", "limit")
