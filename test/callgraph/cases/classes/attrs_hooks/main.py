"""attrs classes: the __init__ attrs generates runs __attrs_pre_init__ first and
__attrs_post_init__ last, for the classic attr.s API and the modern attrs.define alike,
and for a subclass that inherits the hooks; a class with an __init__ of its own gets none
generated, so its hooks run only when that __init__ calls them."""
import attr
import attrs
from attrs import define, field


def validate(port):
    return 0 < port < 65536


def register(obj):
    return obj


def announce(name):
    return "serving " + name


@attr.s
class Endpoint:
    host = attr.ib()
    port = attr.ib(default=80)

    def __attrs_post_init__(self):
        validate(self.port)


@define
class Service:
    name: str
    endpoints: list = field(factory=list)

    def __attrs_pre_init__(self):
        register(self)

    def __attrs_post_init__(self):
        announce(self.name.strip())


@attrs.frozen
class SecureService(Service):
    certificate: str = ""


@define
class Handwritten:
    value: int

    def __init__(self, value):
        self.value = value

    def __attrs_post_init__(self):
        register(self)


def build():
    return [Endpoint("localhost", 8080), Service(" api "), SecureService(" tls "), Handwritten(1)]


build()
