"""Flows across functions: arguments, returns, keywords, defaults, methods."""
import os

from web.request import arg


def identity(value):
    return value


def run(cmd):
    os.system(cmd)


def tainted_caller():
    run(arg("cmd"))


def clean_caller():
    run("ls")


def fetch():
    return arg("cmd")


def via_return():
    os.system(fetch())


def two_contexts():
    tainted = identity(arg("cmd"))
    clean = identity("ls")
    os.system(clean)
    os.system(tainted)


def build(prefix, cmd="ls", *more, **options):
    os.system(prefix + cmd)
    os.system(" ".join(more))
    os.system(options.get("extra", ""))


def keyword_caller():
    build("sudo ", cmd=arg("cmd"))


def star_caller():
    build("x", "y", arg("more"))


def options_caller():
    build("x", extra=arg("extra"))


def clean_build():
    build("echo ", cmd="hello")


def with_default(cmd=arg("default")):
    os.system(cmd)


class Job:
    def __init__(self, command):
        self.command = command
        self.label = "job"

    def start(self):
        os.system(self.command)

    def describe(self):
        os.system("echo " + self.label)


def start_job():
    Job(arg("command")).start()


class Quiet:
    def run(self, what):
        return "quiet"


def method_result():
    os.system(Quiet().run(arg("what")))


class Command:
    def __init__(self, line):
        self.line = line

    @classmethod
    def parse(cls, text):
        return cls(text.strip())

    @staticmethod
    def quote(text):
        return "'" + text + "'"

    def run(self, prefix=""):
        os.system(prefix + self.line)


def parsed_command():
    Command.parse(arg("line")).run()


def quoted_command():
    os.system(Command.quote(arg("word")))


def static_clean():
    os.system(Command.quote("safe"))
