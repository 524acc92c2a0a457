"""A decorator wrapping methods: the wrapper receives self and calls the method."""


def requires_login(method):
    def check(self, *args):
        if not self.logged_in():
            return "denied"
        return method(self, *args)
    return check


class Dashboard:
    def logged_in(self):
        return True

    @requires_login
    def show(self, section):
        return "showing " + section


Dashboard().show("stats")
