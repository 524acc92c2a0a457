from .user import User, Admin
