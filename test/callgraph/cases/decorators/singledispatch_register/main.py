"""functools.singledispatch: a call of the generic function runs the implementation
registered for its argument's type; register as a decorator, with a type, or called."""
import functools
from decimal import Decimal


@functools.singledispatch
def render(value):
    return repr(value)


@render.register
def _render_int(value: int):
    return "%d" % value


@render.register(list)
def _render_list(value):
    return "[" + ", ".join(render(v) for v in value) + "]"


def _render_decimal(value):
    return str(value)


render.register(Decimal, _render_decimal)


def not_registered(value):
    return value


class Formatter:
    @functools.singledispatchmethod
    def fmt(self, value):
        return str(value)

    @fmt.register
    def _fmt_float(self, value: float):
        return "%.2f" % value


def main():
    return render([1, Decimal("2.5"), "x"]), Formatter().fmt(1.5)


main()
