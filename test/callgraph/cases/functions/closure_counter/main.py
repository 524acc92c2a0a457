"""A closure with nonlocal state, and a callback kept in an enclosing variable."""


def make_counter(on_change):
    count = 0

    def increment():
        nonlocal count
        count += 1
        on_change(count)
        return count
    return increment


def print_count(n):
    print("count is", n)


counter = make_counter(print_count)
counter()
counter()
