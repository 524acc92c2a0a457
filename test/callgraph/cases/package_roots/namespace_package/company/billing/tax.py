from company.billing import RATE
from company import util


def vat(amount):
    return util.round_cents(amount * RATE)
