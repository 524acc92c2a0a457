from scheduler import registry

registry.register("backup")
