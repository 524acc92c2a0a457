def shuffle(deck):
    # A project function named shuffle: different from random.shuffle.
    return list(reversed(deck))
