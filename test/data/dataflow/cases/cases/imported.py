"""Methods of objects bound by an import. CPython 3.11 compiles name.method() on such a name
(and on a local that shadows one) as an attribute load and a plain call, not as a method
call: the object is still the method's receiver."""
import subprocess
from os import environ
from sys import stdin


def deploy():
    command = environ.get("DEPLOY_COMMAND", "true")
    subprocess.call(command, shell=True)


def replay():
    subprocess.call(stdin.readline(), shell=True)


def shadowed(stdin):
    subprocess.call(stdin.readline(), shell=True)


def home_only():
    environ.get("HOME")
    subprocess.call("ls", shell=True)


def replay_shadowed():
    shadowed(stdin)
