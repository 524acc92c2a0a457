from scheduler.registry import register_defaults

register_defaults()
