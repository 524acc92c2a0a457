"""A method inherited through two levels, and an override calling the parent explicitly."""


class Animal:
    def __init__(self, name):
        self.name = name

    def describe(self):
        return "%s makes %s" % (self.name, self.sound())

    def sound(self):
        return "a noise"


class Dog(Animal):
    def sound(self):
        return "woof"


class Puppy(Dog):
    def sound(self):
        return Dog.sound(self) + " (tiny)"


Puppy("rex").describe()
