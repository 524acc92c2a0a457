"""Descriptors built on property, as werkzeug's cached_property is: the subclass hands the
decorated function to property.__init__ (through super(), or by having no __init__ of its
own) and its __get__ calls self.fget(obj), so reading the attribute runs the subclass's
__get__, which calls the getter."""
from descriptors import cached_property, logged_property


class Request:
    def __init__(self, environ):
        self.environ = environ

    @cached_property
    def args(self):
        return parse_query(self.environ.get("QUERY_STRING", ""))

    @cached_property
    def cookies(self):
        return parse_query(self.environ.get("HTTP_COOKIE", "").replace("; ", "&"))

    @logged_property
    def method(self):
        return self.environ.get("REQUEST_METHOD", "GET").upper()

    @method.setter
    def method(self, value):
        self.environ["REQUEST_METHOD"] = value


def parse_query(text):
    pairs = (part.split("=", 1) for part in text.split("&") if "=" in part)
    return dict(pairs)


def main():
    request = Request({"QUERY_STRING": "a=1&b=2", "HTTP_COOKIE": "s=x; t=y"})
    request.method = "post"
    return request.args, request.args, request.cookies, request.method


main()
