import inventory


def place_order(item):
    if inventory.reserve(item):
        return confirm(item)
    return None


def confirm(item):
    return "confirmed " + item
