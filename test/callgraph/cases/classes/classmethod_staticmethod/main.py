"""Alternative constructors as classmethods, and a staticmethod called through the class and self."""


class Temperature:
    def __init__(self, celsius):
        self.celsius = celsius

    @classmethod
    def from_fahrenheit(cls, value):
        return cls(Temperature.to_celsius(value))

    @staticmethod
    def to_celsius(fahrenheit):
        return (fahrenheit - 32) * 5 / 9

    def describe(self):
        return "%.1f C (%.1f)" % (self.celsius, self.to_celsius(self.celsius))


t = Temperature.from_fahrenheit(212)
t.describe()
