"""Generator expressions and comprehensions belong to the function around them."""


def is_valid(order):
    return order["qty"] > 0


def price(order):
    return order["qty"] * 2.5


def revenue(orders):
    valid = (o for o in orders if is_valid(o))
    return sum(price(o) for o in valid)


def labels(orders):
    return [str(o["qty"]) for o in orders], {o["qty"] for o in orders}


orders = [{"qty": 1}, {"qty": 0}]
revenue(orders)
labels(orders)
