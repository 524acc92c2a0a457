"""Methods found by a computed name and kept for later: a plugin registers its on_<event>
handlers in a dict when it is made, and fire() calls whichever one the event names.
The handlers are the on_ methods of the plugin's class (its own or inherited), not the
other methods, and not another plugin class's."""


class Plugin:
    EVENTS = ("start", "stop", "reload")

    def __init__(self):
        self.handlers = {}
        for event in self.EVENTS:
            handler = getattr(self, "on_" + event, None)
            if handler is not None:
                self.handlers[event] = handler

    def fire(self, event):
        handler = self.handlers.get(event)
        if handler is None:
            return None
        return handler()

    def on_start(self):
        return "started"

    def on_stop(self):
        return "stopped"

    def start(self):
        return "not a handler"


class AuditPlugin(Plugin):
    def on_start(self):
        return "audit " + super().on_start()

    def on_reload(self):
        return "reloaded"


class Scheduler:
    def __init__(self):
        self.jobs = [getattr(self, "job_" + name) for name in ("clean", "report")]

    def run(self):
        return [job() for job in self.jobs]

    def job_clean(self):
        return "clean"

    def job_report(self):
        return "report"

    def on_start(self):
        return "never a job"


def main():
    audit = AuditPlugin()
    audit.fire("start")
    audit.fire("reload")
    plugin = Plugin()
    plugin.fire("start")
    plugin.fire("stop")
    Scheduler().run()


main()
