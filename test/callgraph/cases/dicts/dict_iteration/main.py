"""Functions read back from a dict through .items() and .values() in loops."""


def check_disk():
    return True


def check_memory():
    return True


def check_network():
    return False


CHECKS = {"disk": check_disk, "memory": check_memory}
CHECKS["network"] = check_network


def health():
    results = {name: check() for name, check in CHECKS.items()}
    return all(check() for check in CHECKS.values()) and results


health()
