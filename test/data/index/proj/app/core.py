from app.util.strings import shout


class Greeter:
    def __init__(self, name):
        self.name = name

    def greet(self):
        return shout("hello " + self.name)


def main():
    print(Greeter("world").greet())
