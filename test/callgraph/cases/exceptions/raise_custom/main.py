"""raise X(...) with a project exception class that defines __init__."""


class ValidationError(Exception):
    def __init__(self, field, message):
        super().__init__("%s: %s" % (field, message))
        self.field = field


def validate_age(age):
    if age < 0:
        raise ValidationError("age", "must be positive")
    return age


try:
    validate_age(-1)
except ValidationError as err:
    problem = err.field
