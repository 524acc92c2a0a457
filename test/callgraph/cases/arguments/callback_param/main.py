"""A function passed as an argument and called through the parameter."""


def on_success(payload):
    return "ok: %s" % payload


def on_failure(payload):
    return "failed: %s" % payload


def run_task(task, callback):
    result = task()
    return callback(result)


def fetch():
    return 42


run_task(fetch, on_success)
