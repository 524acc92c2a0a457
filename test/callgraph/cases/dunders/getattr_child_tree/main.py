"""Names read off an object whose __getattr__ makes a child of its own class, as Pygments
makes its token types (Token.Name.Builtin): each read of a missing name runs __getattr__,
what it returns is an instance of the class, so a name read off the child runs it again
and the child's methods are the class's (`token in Keyword`, `token.split()`). A
__getattr__ returning something else (Settings: a value of a dict) is not followed."""


class TokenType(tuple):
    parent = None

    def split(self):
        buf = []
        node = self
        while node is not None:
            buf.append(node)
            node = node.parent
        buf.reverse()
        return buf

    def __contains__(self, val):
        return self is val or (type(val) is self.__class__ and val[:len(self)] == self)

    def __getattr__(self, val):
        if not val or not val[0].isupper():
            return tuple.__getattribute__(self, val)
        new = TokenType(self + (val,))
        setattr(self, val, new)
        new.parent = self
        return new

    def __repr__(self):
        return "Token" + (self and "." or "") + ".".join(self)


Token = TokenType()
Name = Token.Name
Keyword = Token.Keyword
Builtin = Name.Builtin


class Settings:
    def __init__(self, values):
        self._values = values

    def __getattr__(self, name):
        return self._values[name]


class Lexer:
    tokens = [("def", Keyword.Declaration), ("print", Builtin.Pseudo)]

    def describe(self, settings):
        out = []
        for pattern, token in self.tokens:
            if token in Keyword:
                out.append(repr(token))
            out.append(len(token.split()))
        return out, settings.verbose


lexer = Lexer()
print(lexer.describe(Settings({"verbose": True})))
