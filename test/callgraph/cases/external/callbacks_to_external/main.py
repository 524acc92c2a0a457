"""Callbacks handed to external code (threading, atexit, sort inside a library) are not edges
of the code that hands them over."""
import atexit
import threading


def worker(results):
    results.append(compute())


def compute():
    return 42


def goodbye():
    return "bye"


def start():
    results = []
    t = threading.Thread(target=worker, args=(results,))
    t.start()
    t.join()
    atexit.register(goodbye)
    return results


start()
