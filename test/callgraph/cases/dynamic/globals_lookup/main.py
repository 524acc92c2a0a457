"""globals() and locals() indexed with constant names."""


def handler_create():
    return "create"


def handler_delete():
    return "delete"


def dispatch():
    create = globals()["handler_create"]
    helper = handler_delete
    return create(), locals()["helper"]()


dispatch()
