"""A JSON API: the dispatcher calls handle_<name>(params) with the decoded request body."""
import json
import os

from shop import services
from shop.db import db

HANDLERS = {}


def dispatch(body):
    message = json.loads(body)
    handler = HANDLERS[message["call"]]
    return handler(message.get("params", {}))


def handle_lookup(params):
    return db.query("SELECT * FROM items WHERE sku = '" + params["sku"] + "'")


def handle_count(params):
    return db.count(params["table"])


def handle_convert(params):
    width = int(params["width"])
    os.system("convert -resize %dx image.png" % width)


def handle_report(params):
    title = params.get("title")
    if not title:
        title = "daily"
    services.make_report(title)


HANDLERS.update(lookup=handle_lookup, count=handle_count, convert=handle_convert, report=handle_report)
