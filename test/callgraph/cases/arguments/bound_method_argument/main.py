"""A bound method passed as an argument, then called by the receiver."""


class Logger:
    def __init__(self):
        self.lines = []

    def write(self, line):
        self.lines.append(line)


def process(items, emit):
    for item in items:
        emit("processed %s" % item)


log = Logger()
process([1, 2], log.write)
