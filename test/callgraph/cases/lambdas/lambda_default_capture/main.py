"""Lambdas created in a loop with a default argument capturing a function."""


def on_open():
    return "open"


def on_save():
    return "save"


def build_menu():
    actions = []
    for handler in (on_open, on_save):
        actions.append(lambda h=handler: h())
    return actions


for action in build_menu():
    action()
