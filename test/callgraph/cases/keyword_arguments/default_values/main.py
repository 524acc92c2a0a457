"""A function default used when the argument is omitted, and overridden elsewhere."""


def default_serializer(obj):
    return repr(obj)


def pretty_serializer(obj):
    return "  " + repr(obj)


def dump(obj, serializer=default_serializer):
    return serializer(obj)


dump([1])
dump([2], serializer=pretty_serializer)
