"""A project module named like a stdlib function's module attribute: names decide, not text."""
import random

import helpers


def shuffle_deck(deck):
    random.shuffle(deck)
    return helpers.shuffle(deck)


shuffle_deck([1, 2, 3])
