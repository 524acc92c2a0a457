"""A package re-exports names from its submodules in __init__."""
import storage
from storage import save

save("k", "v")
storage.load("k")
