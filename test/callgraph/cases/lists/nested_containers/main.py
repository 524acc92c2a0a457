"""Handlers inside tuples inside a list (pattern, handler) with unpacking in the loop."""
import re


def handle_user(match):
    return "user " + match.group(1)


def handle_post(match):
    return "post " + match.group(1)


URLS = [
    (r"^/users/(\d+)$", handle_user),
    (r"^/posts/(\d+)$", handle_post),
]


def route(path):
    for pattern, handler in URLS:
        match = re.match(pattern, path)
        if match:
            return handler(match)
    return None


route("/posts/7")
