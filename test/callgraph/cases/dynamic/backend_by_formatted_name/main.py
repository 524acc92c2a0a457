"""Database backends and session engines loaded by names the settings hold, as Django loads
them: import_module("%s.base" % engine) and import_module(settings.SESSION_ENGINE) have no
constant package prefix, so the module may be any of the repository's; what is read off it
is what each module binding that name binds (backends.utils binds no DatabaseWrapper and is
no candidate). The wrappers' cursor() runs the backend's own create_cursor. An optional
dependency loaded by a constant name through the same kind of helper is that module, not
every module defining the name read off it (sessions.serializers.dumps)."""
import importlib

import settings


def load_backend(engine):
    return importlib.import_module("%s.base" % engine)


def optional(name):
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def report(rows):
    json = optional("json")
    return json.dumps(rows)


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
    return report([connection.alias for connection in connections])


main()
