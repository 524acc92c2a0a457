"""Instantiation and method calls through an instance, and a method calling another via self."""


class ShoppingCart:
    def __init__(self):
        self.items = []

    def add(self, name, price):
        self.items.append((name, price))
        return self

    def total(self):
        return sum(self.price_of(item) for item in self.items)

    def price_of(self, item):
        return item[1]


cart = ShoppingCart()
cart.add("book", 12.5)
cart.total()
