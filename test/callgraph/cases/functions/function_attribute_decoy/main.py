"""Decoy: a function object stored in a dict under the same name as another function."""


def handle_get(request):
    return "GET " + request


def handle_post(request):
    return "POST " + request


routes = {"handle_post": handle_get}


def dispatch(request):
    handler = routes["handle_post"]
    return handler(request)


dispatch("/")
