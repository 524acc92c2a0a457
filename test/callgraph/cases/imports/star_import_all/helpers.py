def public_helper():
    return _private_helper()


def _private_helper():
    return "private"
