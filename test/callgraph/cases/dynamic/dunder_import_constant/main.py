"""__import__ and importlib.import_module with constant names import project modules."""
import importlib

codecs_mod = importlib.import_module("codec_impl")
legacy = __import__("legacy_impl")

codecs_mod.encode("x")
legacy.encode("y")
