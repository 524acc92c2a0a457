"""A handler name built in steps before getattr: name = "handle_" + verb, then
name += "_" + resource, then maybe name = name + "_v" + str(version). Each assignment
keeps the constant text it starts with, so every handle_ method is a possible callee,
and no other method."""


class Api:
    def dispatch(self, verb, resource, version=None):
        name = "handle_" + verb
        name += "_" + resource
        if version:
            name = name + "_v" + str(version)
        handler = getattr(self, name, None)
        if handler is None:
            return self.missing(verb, resource)
        return handler()

    def handle_get_users(self):
        return ["ann", "bob"]

    def handle_post_users(self):
        return "created"

    def handle_get_users_v2(self):
        return {"users": self.handle_get_users()}

    def missing(self, verb, resource):
        return f"no {verb} {resource}"

    def describe(self):
        return "not a handler"


def main():
    api = Api()
    api.dispatch("get", "users")
    api.dispatch("post", "users")
    api.dispatch("get", "users", version=2)
    api.dispatch("delete", "users")
    return api.describe()


main()
