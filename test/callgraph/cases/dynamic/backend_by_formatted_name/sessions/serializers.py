import pickle


def dumps(value):
    return pickle.dumps(value)


def loads(data):
    return pickle.loads(data)
