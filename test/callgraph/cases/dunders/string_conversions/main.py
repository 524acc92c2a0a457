"""str(), repr(), format(), f-strings and print() run __str__ / __repr__ / __format__."""


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __str__(self):
        return "$%d.%02d" % divmod(self.cents, 100)

    def __repr__(self):
        return "Money(%r)" % self.cents

    def __format__(self, spec):
        return format(self.cents / 100, spec)


class Tag:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "<%s>" % self.name


def receipt(price):
    lines = [str(price), repr(price), f"{price:.1f}", format(price, ".2f")]
    print(price)
    return "; ".join(lines) + str(Tag("b"))


receipt(Money(1250))
