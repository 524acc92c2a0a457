"""A function handed down through two levels of parameters before it is called."""


def validate_email(value):
    return "@" in value


def check(value, rule):
    return rule(value)


def check_all(values, rule):
    return all(check(v, rule) for v in values)


def validate_form(form):
    return check_all(form.values(), validate_email)


validate_form({"email": "a@b.c"})
