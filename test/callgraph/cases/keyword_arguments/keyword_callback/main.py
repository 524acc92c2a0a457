"""A callback passed by keyword, reaching the matching parameter out of order."""


def on_done(result):
    return "done: %s" % result


def on_progress(pct):
    return "%d%%" % pct


def download(url, *, progress=None, done=None):
    if progress is not None:
        progress(50)
    return done(url)


download("http://example.com/file", done=on_done, progress=on_progress)
