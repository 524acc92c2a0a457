"""Functions that call functions defined later in the module, and mutual recursion."""


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


def main():
    return is_even(4), summary()


def summary():
    return "parity checked"


main()
