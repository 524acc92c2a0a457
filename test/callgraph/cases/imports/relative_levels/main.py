"""Relative imports at one, two and three levels inside a package."""
from app.api.v1.handlers import handle

handle("/users")
