"""A property with getter, setter and deleter: reading, assigning and deleting run each."""


class Account:
    def __init__(self, balance):
        self._balance = 0
        self.balance = balance

    @property
    def balance(self):
        return self._balance

    @balance.setter
    def balance(self, value):
        if value < 0:
            raise ValueError("negative balance")
        self._balance = value

    @balance.deleter
    def balance(self):
        self._balance = 0


acct = Account(10)
acct.balance = acct.balance + 5
del acct.balance
