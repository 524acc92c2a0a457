"""A line parser written as a state machine, as PyYAML's Parser and Emitter are: each state
is a method; a state stores the next one as a bound method (self.state = self.parse_x) or
pushes it on a stack (self.states.append(self.parse_y)), and the driver calls whatever
self.state holds. Two parser classes share the states, so the stored values are the 19
methods bound to instances of either: 38 bound methods in one attribute, more than the 32
objects a value otherwise keeps. Every state is a possible callee of the driver's call."""
from states import LenientParser, StrictParser


def main():
    text = "\n".join([
        "---",
        "title: demo",
        "---",
        "# Heading",
        "",
        "Some text.",
        "> quoted",
        "- one",
        "- two",
        "",
        "| a | b |",
        "",
        "```",
        "code line",
        "```",
        "<div>",
        "",
    ])
    strict = StrictParser(text.splitlines())
    lenient = LenientParser(["plain", "- item", "", "| x |", ""])
    return strict.parse(), lenient.parse()


main()
