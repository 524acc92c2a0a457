def default_handler(event):
    return "default " + event


handler = default_handler
