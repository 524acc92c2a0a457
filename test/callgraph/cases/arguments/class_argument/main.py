"""A class passed as an argument and instantiated inside: the call runs its __init__."""


class JsonParser:
    def __init__(self, text):
        self.text = text

    def parse(self):
        return {"raw": self.text}


class XmlParser:
    def __init__(self, text):
        self.text = text

    def parse(self):
        return ("xml", self.text)


def load(text, parser_class):
    parser = parser_class(text)
    return parser.parse()


load("{}", JsonParser)
