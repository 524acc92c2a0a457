def parse_int(token):
    return int(token)


def parse_str(token):
    return str(token)


def unrelated(token):
    return token
