"""Imports inside functions: the function's scope runs the import."""


def export_report(data):
    import exporters
    from formatting import as_table
    return exporters.write(as_table(data))


def never_called():
    import unused_module
    return unused_module.value


export_report([1, 2])
