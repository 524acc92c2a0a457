"""Middleware functions kept in a list, appended to, and called in a loop."""


def authenticate(request):
    return request


def log_request(request):
    return request


def compress(request):
    return request


MIDDLEWARE = [authenticate, log_request]


def handle(request):
    for step in MIDDLEWARE:
        request = step(request)
    return request


MIDDLEWARE.append(compress)
handle({"path": "/"})
