"""A command dispatch table: functions stored as dict values and called by key."""


def cmd_start(args):
    return "starting " + " ".join(args)


def cmd_stop(args):
    return "stopping"


def cmd_help(args):
    return "usage: app start|stop"


COMMANDS = {"start": cmd_start, "stop": cmd_stop}


def main(argv):
    handler = COMMANDS.get(argv[0], cmd_help)
    return handler(argv[1:])


main(["start", "web"])
