"""A function reached through a chain of variable aliases."""


def send_email(to):
    return "sent to " + to


notify = send_email
alert = notify
alert("ops@example.com")
