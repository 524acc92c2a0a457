from shop.billing import CURRENCY


def render(amount):
    return "%d %s" % (amount, CURRENCY)
