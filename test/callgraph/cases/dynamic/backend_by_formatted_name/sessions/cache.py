from sessions.base import SessionBase


class SessionStore(SessionBase):
    def store(self, data):
        self.cached = data
