"""Third-party packages that may be missing: calls are named through the imports."""
try:
    import requests
except ImportError:  # the benchmark does not install it
    requests = None

try:
    import numpy as np
except ImportError:
    np = None


def fetch(url):
    if requests is None:
        return None
    return requests.get(url, timeout=5).json()


def mean(values):
    if np is None:
        return sum(values) / len(values)
    return float(np.mean(np.array(values)))


fetch("https://example.com/api")
mean([1, 2, 3])
