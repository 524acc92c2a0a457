"""A small application package for the codecpg index tests."""
from app.core import Greeter

__all__ = ["Greeter"]
