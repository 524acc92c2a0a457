"""Assignment expressions (:=) bind names in if and while tests and in comprehensions,
whose targets bind in the enclosing function."""
import re


def on_number(text):
    return int(text)


def on_word(text):
    return text.upper()


def unused(text):
    return text


PATTERNS = [(re.compile(r"\d+"), on_number), (re.compile(r"\w+"), on_word)]


def pick(token):
    for pattern, handler in PATTERNS:
        if pattern.fullmatch(token):
            return handler
    return None


def tokens(line):
    return line.split()


def process(line):
    out = []
    for token in tokens(line):
        if (handler := pick(token)) is not None:
            out.append(handler(token))
    return out


def drain(queue):
    seen = []
    while (item := queue.pop()) != "stop":
        seen.append(item)
    return seen


def first_long(words):
    if any(len(last := w) > 3 for w in words):
        return last
    return None


def normalise(values):
    return [clean for v in values if (clean := str(v).strip())]


process("12 apples")
drain(["stop", "b", "a"])
first_long(["ab", "abcd"])
normalise([" x ", 1])
