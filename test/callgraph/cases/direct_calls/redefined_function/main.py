"""A function redefined later in the module: calls before the redefinition reach the first
definition, calls after it the second (a flow-insensitive analysis may report both)."""


def greet(name):
    return "hello " + name


first = greet("ada")


def greet(name):  # noqa: F811 -- deliberately replaces the first greet
    return "hi " + name


second = greet("bob")
