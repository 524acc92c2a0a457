"""Decoy: a local variable named like an imported module shadows it inside a function."""
import mailer


class FakeMailer:
    def send(self, to):
        return "fake " + to


def notify(to):
    return mailer.send(to)


def test_notify():
    mailer = FakeMailer()  # shadows the module inside this function only
    return mailer.send("t@x")


notify("a@x")
test_notify()
