"""Conditional imports: try/except ImportError with a project fallback, and an if on the platform."""
import sys

try:
    import ujson as json_impl
except ImportError:
    import fallback_json as json_impl

if sys.platform.startswith("linux"):
    from platform_linux import open_device
else:
    from platform_other import open_device

json_impl.dumps({"a": 1})
open_device("/dev/null")
