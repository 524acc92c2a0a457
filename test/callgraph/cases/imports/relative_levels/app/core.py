def authorize(user):
    return user is not None
