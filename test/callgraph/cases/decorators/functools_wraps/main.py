"""A decorator using functools.wraps; the wrapper still calls the original."""
import functools


def audit(event):
    return event


def audited(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        audit(func.__name__)
        return func(*args, **kwargs)
    return wrapper


@audited
def delete_user(user_id):
    return user_id


delete_user(7)
