"""A partial of a bound method, passed to a project function that calls it."""
import functools


class Mailer:
    def send(self, to, subject):
        return (to, subject)


def broadcast(send_one, recipients):
    return [send_one(r) for r in recipients]


mailer = Mailer()
broadcast(functools.partial(mailer.send, subject="News"), ["a@x", "b@x"])
