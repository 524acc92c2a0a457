"""A decorator with arguments: dec(arg) is a call, applying its result a decorator edge."""


def retry(times):
    def decorate(func):
        def wrapped(*args):
            for _ in range(times):
                result = func(*args)
                if result:
                    return result
            return None
        return wrapped
    return decorate


@retry(times=3)
def fetch(url):
    return url


fetch("https://example.com")
