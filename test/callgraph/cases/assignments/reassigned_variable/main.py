"""A variable reassigned on one branch: both functions are possible targets."""
import os


def json_dump(data):
    return "json"


def yaml_dump(data):
    return "yaml"


dump = json_dump
if os.getenv("FORMAT") == "yaml":
    dump = yaml_dump
dump({"a": 1})
