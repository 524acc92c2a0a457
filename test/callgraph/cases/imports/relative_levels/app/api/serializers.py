def to_json(obj):
    return str(obj)
