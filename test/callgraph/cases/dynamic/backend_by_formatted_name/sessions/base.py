class SessionBase:
    def save(self, data):
        self.store(dict(data))

    def store(self, data):
        raise NotImplementedError
