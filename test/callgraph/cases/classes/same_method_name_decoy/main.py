"""Two unrelated classes with a method of the same name: only the receiver's class counts."""


class Invoice:
    def __init__(self, amount):
        self.amount = amount

    def send(self):
        return "invoice for %s" % self.amount


class Newsletter:
    def __init__(self, text):
        self.text = text

    def send(self):
        return "newsletter: " + self.text


def bill_customer(amount):
    invoice = Invoice(amount)
    return invoice.send()


bill_customer(10)
