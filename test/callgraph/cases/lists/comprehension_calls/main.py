"""Calls inside list, set and dict comprehensions and a nested comprehension."""


def load(name):
    return {"name": name, "tags": ["a", "b"]}


def slug(tag):
    return tag.lower()


def index(names):
    records = [load(n) for n in names]
    tags = {slug(t) for r in records for t in r["tags"]}
    by_name = {r["name"]: [slug(t) for t in r["tags"]] for r in records}
    return tags, by_name


index(["x", "y"])
