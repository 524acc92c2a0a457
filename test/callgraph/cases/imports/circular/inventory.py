import orders


def reserve(item):
    return item != "" and audit(item)


def audit(item):
    return orders.confirm(item) is not None
