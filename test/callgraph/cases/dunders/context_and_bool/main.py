"""__bool__ in conditions and while loops, __enter__/__exit__ in with, and a decoy __len__."""


class Connection:
    def __init__(self):
        self.open = False

    def __enter__(self):
        self.open = True
        return self

    def __exit__(self, exc_type, exc, tb):
        self.open = False
        return False

    def __bool__(self):
        return self.open


class Batch:
    def __len__(self):
        # Never run: Batch is never measured or tested for truth.
        return 0


def query():
    conn = Connection()
    if not conn:
        with conn as c:
            return bool(c)


query()
