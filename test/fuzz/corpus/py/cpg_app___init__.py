"""The app package: re-exports its public helpers."""
from .util import helper, make_adder
from .models import User as Account
