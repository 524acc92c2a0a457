def send(to):
    return "sent " + to
