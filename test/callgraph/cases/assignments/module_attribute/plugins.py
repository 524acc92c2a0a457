import settings


def custom_handler(event):
    return "custom " + event


def install():
    settings.handler = custom_handler
