"""One decorator wraps methods of unrelated classes: its wrapper calls func(self, ...) for
all of them, and a descriptor's __get__ calls self.fget(obj) for every class that uses it.
Each method still gets only its own class's instances as self, so a method calling
self.save() reaches its own class's save, not that of every class the decorator serves."""
from audit import audited, lazy


class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0

    def save(self):
        return ("account", self.owner, self.balance)

    @audited
    def deposit(self, amount):
        self.balance += amount
        return self.save()

    @lazy
    def summary(self):
        return self.describe()

    def describe(self):
        return "%s: %d" % (self.owner, self.balance)


class Invoice:
    def __init__(self, number):
        self.number = number
        self.lines = []

    def save(self):
        return ("invoice", self.number, len(self.lines))

    @audited
    def add_line(self, text):
        self.lines.append(text)
        return self.save()

    @lazy
    def summary(self):
        return self.describe()

    def describe(self):
        return "#%s (%d lines)" % (self.number, len(self.lines))


class Ledger(Account):
    def save(self):
        return ("ledger",) + Account.save(self)


def main():
    account = Account("ann")
    account.deposit(5)
    invoice = Invoice(7)
    invoice.add_line("tea")
    ledger = Ledger("bob")
    ledger.deposit(1)
    return account.summary, invoice.summary, ledger.summary


main()
