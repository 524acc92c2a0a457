"""Dispatch by a computed method name, as visitors, parsers and command shells do:
getattr(self, f"visit_{kind}"), getattr(self, "do_" + command), "parse_%s" % token. Every
method the name can build is a possible callee; others are not."""
import commands


class Visitor:
    def visit(self, node):
        method = getattr(self, f"visit_{type(node).__name__}", self.generic_visit)
        return method(node)

    def generic_visit(self, node):
        return None

    def visit_Name(self, node):
        return node

    def visit_Call(self, node):
        return self.visit(node.func)

    def helper(self):
        return "not a visitor method"


class Name:
    pass


class Call:
    def __init__(self, func):
        self.func = func


class Shell:
    def onecmd(self, line):
        handler = getattr(self, "do_" + line, None)
        if handler is None:
            return self.default(line)
        return handler()

    def default(self, line):
        return line

    def do_quit(self):
        return True

    def do_help(self):
        return "help"


def parse(kind, token):
    return getattr(commands, "parse_%s" % kind)(token)


Visitor().visit(Call(Name()))
Shell().onecmd("help")
parse("int", "42")
