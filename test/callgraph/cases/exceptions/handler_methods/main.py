"""Methods called on the caught exception object, and a finally clause."""


class RetryableError(Exception):
    def __init__(self, delay):
        super().__init__("retry in %s" % delay)
        self.delay = delay

    def backoff(self):
        return self.delay * 2


def cleanup():
    return "cleaned"


def attempt():
    raise RetryableError(1)


def run():
    try:
        attempt()
    except RetryableError as exc:
        return exc.backoff()
    finally:
        cleanup()


run()
