"""Values that are sources by name (sys.argv, os.environ), not calls."""
import os
import sys
from sys import argv


def first_argument():
    os.system(sys.argv[1])


def imported_argument():
    os.system(argv[-1])


def environment():
    home = os.environ.get("HOME", "/")
    os.system("ls " + home)


def length_only():
    os.system("echo %d" % len(sys.argv))
