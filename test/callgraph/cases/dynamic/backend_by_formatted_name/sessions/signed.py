from sessions.base import SessionBase


class SessionStore(SessionBase):
    def __init__(self):
        self.signature = None

    def store(self, data):
        self.signature = sorted(data)
