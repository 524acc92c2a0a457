"""Decoy: a project function named like a builtin shadows it in this module."""


def open(path):  # noqa: A001 -- a project-level open replacing the builtin here
    return "virtual file " + path


def len(items):  # noqa: A001
    return 42


def read(path):
    return open(path), len([1])


read("/data")
