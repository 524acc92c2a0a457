_query = {}


def arg(name, default=""):
    """The value of a query parameter: attacker-controlled."""
    return _query.get(name, default)
