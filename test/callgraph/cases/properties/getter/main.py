"""Reading a property runs its getter; the getter calls a helper."""


def format_name(first, last):
    return "%s %s" % (first, last)


class User:
    def __init__(self, first, last):
        self.first = first
        self.last = last

    @property
    def full_name(self):
        return format_name(self.first, self.last)


def greeting(user):
    return "Hello, " + user.full_name


greeting(User("Ada", "Lovelace"))
