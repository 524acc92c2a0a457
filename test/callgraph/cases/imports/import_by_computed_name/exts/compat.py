"""Old configurations named this module; it re-exports what they used and is no extension
of its own (not loaded by main's names)."""
from exts.toc import make_extension  # noqa: F401
