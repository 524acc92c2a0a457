"""A slice is a new list (or tuple) of elements of the sliced one: iterating it, indexing
it or passing it on reaches them. A slice of a display with constant bounds holds the
elements at the places it selects; the analysis takes a slice of *args (a tuple no display
made) to hold any argument, one extra edge here (forward -> setup)."""


def setup():
    return "setup"


def step_one():
    return 1


def step_two():
    return 2


def teardown():
    return "teardown"


def run_steps(steps):
    return [step() for step in steps]


def pipeline():
    stages = [setup, step_one, step_two, teardown]
    first, middle = stages[0], stages[1:-1]
    first()
    run_steps(middle)
    return stages[-1:][0]()


def forward(*handlers):
    rest = handlers[1:]
    return [h() for h in rest]


def main():
    pipeline()
    forward(setup, teardown)


main()
