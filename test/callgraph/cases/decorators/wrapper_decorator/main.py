"""A classic wrapper decorator: calls of the decorated name go to the wrapper, which calls
the original."""


def log(message):
    return message


def logged(func):
    def wrapper(*args, **kwargs):
        log("calling " + func.__name__)
        return func(*args, **kwargs)
    return wrapper


@logged
def transfer(amount):
    return amount


transfer(100)
