"""A property built by calling property() with getter and setter functions."""


class Thermostat:
    def __init__(self):
        self._target = 20

    def get_target(self):
        return self._target

    def set_target(self, value):
        self._target = clamp(value)

    target = property(get_target, set_target)


def clamp(value):
    return max(5, min(30, value))


t = Thermostat()
t.target = 35
current = t.target
