"""*args and **kwargs forwarded through a wrapper to the real callee."""


def connect(host, port=5432, timeout=10):
    return (host, port, timeout)


def with_retry(func, *args, **kwargs):
    for _ in range(3):
        try:
            return func(*args, **kwargs)
        except OSError:
            continue
    return None


with_retry(connect, "db.local", timeout=3)
