import os
import re


def safe_filename(name):
    return os.path.basename(name)


def valid_host(host):
    return re.fullmatch(r"[a-z0-9.-]+", host) is not None


def evaluate(expression):
    return eval(expression, {"__builtins__": {}})


def title_case(text):
    words = [w.capitalize() for w in text.split()]
    return " ".join(words)
