def log_info(message):
    return "info: " + message


def log_error(message):
    return "error: " + message


def on_save(document):
    return "saved " + document


def export_csv():
    return "a,b"


def export_json():
    return "{}"


def index():
    return "<html>"
