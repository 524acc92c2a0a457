"""__enter__ returns a different object: the `as` target is that object."""


class Transaction:
    def commit(self):
        return "committed"

    def rollback(self):
        return "rolled back"


class Database:
    def __enter__(self):
        self.tx = Transaction()
        return self.tx

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            self.tx.rollback()
        return False

    def commit(self):
        # Decoy: the with-target is the Transaction, not the Database.
        return "database commit"


with Database() as tx:
    tx.commit()
