DATABASES = {"default": "backends.sqlite", "replica": "backends.postgres"}
SESSION_ENGINES = ["sessions.cache", "sessions.signed"]
