"""Module-level code calling functions defined above it, one calling another."""


def load_config():
    return {"debug": True}


def configure(settings):
    return validate(settings)


def validate(settings):
    return "debug" in settings


config = load_config()
configured = configure(config)
