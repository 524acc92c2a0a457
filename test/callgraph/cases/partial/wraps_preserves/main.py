"""A functools.wraps decorator with arguments, and a decoy function of the same name in a class."""
from functools import wraps


def rate_limit(per_second):
    def decorator(func):
        @wraps(func)
        def limited(*args, **kwargs):
            wait(per_second)
            return func(*args, **kwargs)
        return limited
    return decorator


def wait(rate):
    return 1.0 / rate


@rate_limit(5)
def query(sql):
    return sql


class Cache:
    def query(self, sql):
        # Decoy: same name as the decorated function, never called here.
        return None


query("SELECT 1")
