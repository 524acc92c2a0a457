"""A class used as a decorator: decorating makes an instance (its __init__ gets the
function); calling the decorated name runs __call__, which calls the function."""


class CountCalls:
    def __init__(self, func):
        self.func = func
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.func(*args, **kwargs)


class Retry:
    def __init__(self, times):
        self.times = times

    def __call__(self, func):
        def wrapper(*args):
            for _ in range(self.times):
                try:
                    return func(*args)
                except ValueError:
                    pass
            return None
        return wrapper


@CountCalls
def greet(name):
    return "hi " + name


@Retry(3)
def parse(text):
    return int(text)


def main():
    return greet("ann"), parse("4"), greet.calls


main()
