from acme_plugins.common import header


def export(name):
    return header(name) + ".pdf"
