"""Code in a class body runs when the class statement runs: its calls belong to the class."""


def env(name, default):
    return default


def compute_choices():
    return [("a", "A"), ("b", "B")]


class Settings:
    DEBUG = env("DEBUG", False)
    CHOICES = compute_choices()
    NAMES = [label for _, label in CHOICES]

    def reload(self):
        return env("DEBUG", True)


Settings().reload()
