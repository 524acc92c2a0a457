"""A callable arriving inside **kwargs and called by name from the dict."""


def text_renderer(value):
    return str(value)


def html_renderer(value):
    return "<b>%s</b>" % value


def render(value, **options):
    renderer = options.get("renderer", text_renderer)
    return renderer(value)


render(1)
render(2, renderer=html_renderer)
