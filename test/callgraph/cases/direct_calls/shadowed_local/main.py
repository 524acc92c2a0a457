"""A local variable shadows a module-level function: the call goes to the local value."""


def render(value):
    return "<%s>" % value


def render_plain(value):
    return str(value)


def report(items):
    render = render_plain  # shadows the module-level render inside this function
    return [render(item) for item in items]


def page(items):
    return render(len(items))


report([1, 2])
page([1])
