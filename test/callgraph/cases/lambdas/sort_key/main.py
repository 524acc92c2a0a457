"""A lambda as a sort key calling a helper; sorted() calls the key from the caller."""


def last_name(person):
    return person.split()[-1]


def by_last_name(people):
    return sorted(people, key=lambda p: last_name(p).lower())


by_last_name(["Ada Lovelace", "Alan Turing"])
