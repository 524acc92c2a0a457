"""Calls from module level inside if/while/try blocks: still the module's own code."""
import sys


def check_platform():
    return sys.platform


def retry(times):
    return times - 1


def fallback():
    return None


if check_platform():
    attempts = 3
    while attempts:
        attempts = retry(attempts)
try:
    result = int("x")
except ValueError:
    result = fallback()
