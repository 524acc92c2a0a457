"""Class bodies nested in class bodies: each class statement runs in the enclosing body."""


def column(kind):
    return kind


class Schema:
    class Meta:
        table = column("users")

        class Index:
            fields = column("email")

    name = column("text")


Schema.Meta.Index.fields
