"""Shared by the extensions; it defines no make_extension."""


def run(text):
    return text.strip()


def extend(document):
    return document
