"""Flows within one function, one construct per function."""
import os
import shlex
import subprocess

from web.request import arg


def direct():
    cmd = arg("cmd")
    os.system(cmd)


def operators():
    name = arg("name")
    os.system("ls " + name)
    os.system("ls %s" % name)
    os.system(f"ls {name}")
    os.system("ls {}".format(name))
    os.system(name.strip().lower())


def constant():
    os.system("ls -l")


def overwritten():
    cmd = arg("cmd")
    cmd = "ls"
    os.system(cmd)


def overwritten_on_one_path(flag):
    cmd = arg("cmd")
    if flag:
        cmd = "ls"
    os.system(cmd)


def sanitized():
    cmd = arg("cmd")
    os.system("ls " + shlex.quote(cmd))


def converted():
    count = int(arg("count"))
    os.system(f"head -n {count} log.txt")


def control_only():
    cmd = arg("cmd")
    if cmd == "list":
        what = "ls"
    else:
        what = "pwd"
    os.system(what)


def deleted():
    cmd = arg("cmd")
    del cmd
    cmd = "ls"
    os.system(cmd)


def loop():
    line = ""
    for part in arg("parts").split(","):
        line = line + " " + part
    subprocess.call(line, shell=True)


def loop_until():
    text = arg("text")
    while text.endswith(" "):
        text = text[:-1]
    eval(text)


def handled():
    try:
        value = arg("value")
    except KeyError:
        value = "0"
    eval(value)


def handler_value():
    try:
        number = 1 / 0
    except ZeroDivisionError:
        number = arg("fallback")
    finally:
        print("done")
    eval(number)


def context_manager():
    with open(arg("path")) as fh:
        text = fh.read()
    exec(text)


def containers():
    items = []
    items.append(arg("a"))
    os.system(items[0])
    table = {}
    table["key"] = arg("b")
    os.system(table["key"])
    pair = (arg("c"), "safe")
    os.system(pair[0])


def comprehension():
    names = [n.upper() for n in arg("names").split()]
    os.system(" ".join(names))


def generator():
    lines = (x.strip() for x in arg("lines").splitlines())
    for line in lines:
        os.system(line)


def unpacking():
    if (given := arg("given")):
        first, second = given, "safe"
        os.system(first)
        os.system(second)


def matching():
    match arg("message"):
        case {"command": command}:
            os.system(command)
        case [head, *rest]:
            os.system(head)
        case _:
            os.system("true")


def closure():
    secret = arg("secret")

    def run():
        os.system(secret)

    run()


def lambda_call():
    shout = lambda s: s.upper()
    os.system(shout(arg("word")))
