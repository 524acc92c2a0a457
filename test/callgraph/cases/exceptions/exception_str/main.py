"""An exception class with __str__, printed in a handler: print runs __str__."""


class QuotaExceeded(Exception):
    def __init__(self, used, limit):
        self.used, self.limit = used, limit

    def __str__(self):
        return "quota exceeded: %d/%d" % (self.used, self.limit)


def upload(size, used=90, limit=100):
    if used + size > limit:
        raise QuotaExceeded(used + size, limit)


try:
    upload(20)
except QuotaExceeded as error:
    print(error)
