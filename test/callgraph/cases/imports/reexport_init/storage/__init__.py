from .backend import save, load
from .backend import load as _load  # noqa: F401

__all__ = ["save", "load"]
