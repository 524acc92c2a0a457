"""A class statement inside a function runs its body each time the function runs."""


def field(kind):
    return kind


def make_model(name):
    class Model:
        id = field("int")
        label = field("str")

        def describe(self):
            return name
    return Model


make_model("User")().describe()
