"""Names bound in a class body are not visible in its methods: the method's call of
`build` goes to the module-level function, not the class attribute."""


def build():
    return "module build"


class Project:
    def build(self):
        return "method build"

    def release(self):
        return build()


Project().release()
