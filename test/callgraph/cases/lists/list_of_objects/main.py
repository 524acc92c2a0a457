"""A list of plugin instances of different classes; a method called on each element."""


class SpellCheck:
    def apply(self, text):
        return text


class WordCount:
    def apply(self, text):
        return len(text.split())


class Unused:
    def apply(self, text):
        return None


def run_plugins(text):
    plugins = [SpellCheck(), WordCount()]
    plugins.extend([])
    return [plugin.apply(text) for plugin in plugins]


run_plugins("hello world")
