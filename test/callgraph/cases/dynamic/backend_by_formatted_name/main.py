"""Database backends and session engines loaded by names the settings hold, as Django loads
them: import_module("%s.base" % engine) and import_module(settings.SESSION_ENGINE) have no
constant package prefix, so the module may be any of the repository's; what is read off it
is what each module binding that name binds (backends.utils binds no DatabaseWrapper and is
no candidate). The wrappers' cursor() runs the backend's own create_cursor."""
import importlib

import settings


def load_backend(engine):
    return importlib.import_module("%s.base" % engine)


def connect(alias):
    backend = load_backend(settings.DATABASES[alias])
    return backend.DatabaseWrapper(alias)


def session_store(engine_name):
    engine = importlib.import_module(engine_name)
    return engine.SessionStore()


def main():
    connections = [connect(alias) for alias in settings.DATABASES]
    for connection in connections:
        connection.cursor().execute("select 1")
    for engine_name in settings.SESSION_ENGINES:
        session_store(engine_name).save({"user": 1})


main()
