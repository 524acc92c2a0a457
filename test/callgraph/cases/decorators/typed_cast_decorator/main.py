"""A typed decorator hands its wrapper back through typing.cast, as Flask's setupmethod
does: cast returns its second argument, so calls of the decorated methods reach the
wrapper, whose self is the instance the method was called on."""
import functools
import typing as t

F = t.TypeVar("F", bound=t.Callable[..., t.Any])


def setupmethod(f: F) -> F:
    name = f.__name__

    def wrapper_func(self, *args, **kwargs):
        self._check_setup_finished(name)
        return f(self, *args, **kwargs)

    return t.cast(F, functools.update_wrapper(wrapper_func, f))


class Scaffold:
    def _check_setup_finished(self, name):
        raise NotImplementedError

    @setupmethod
    def route(self, rule):
        return self.add_url_rule(rule)

    def add_url_rule(self, rule):
        return rule


class App(Scaffold):
    def _check_setup_finished(self, name):
        return name


def make_counter():
    def count():
        return 3

    return t.cast("t.Callable[[], int]", count)


app = App()
app.route("/")
counter = t.cast(t.Callable[[], int], val=make_counter())
counter()
