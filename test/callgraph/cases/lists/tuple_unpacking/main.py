"""Functions unpacked from tuples, including starred unpacking."""


def setup():
    return "setup"


def execute():
    return "execute"


def teardown():
    return "teardown"


def run_phases():
    first, *middle, last = (setup, execute, teardown)
    first()
    for phase in middle:
        phase()
    last()


run_phases()
