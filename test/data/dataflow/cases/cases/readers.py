import os

import cases.modules as m
from cases.modules import SAFE, STATE


def read_imported():
    os.system(STATE)


def read_attribute():
    os.system(m.STATE)


def read_safe():
    os.system(SAFE)
