from .base import Base
from ..deco import trace


class User(Base):
    def __init__(self, name, email):
        super().__init__(name)
        self.email = email

    def label(self):
        return "user " + self.name


class Admin(User):
    @trace
    def label(self):
        text = super().label()
        return text.upper()

    @staticmethod
    def level():
        return 3
