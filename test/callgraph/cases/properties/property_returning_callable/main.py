"""A property whose value is a callable: reading it runs the getter, calling what it
returned runs that (a bound method, a function picked by state)."""


def loud(text):
    return text.upper()


def quiet(text):
    return text.lower()


class Speaker:
    def __init__(self, volume):
        self.volume = volume

    @property
    def render(self):
        return loud if self.volume > 5 else quiet

    @property
    def formatter(self):
        return self.decorate

    def decorate(self, text):
        return "*" + text + "*"


def main():
    s = Speaker(7)
    return s.render("Hi"), s.formatter("x")


main()
