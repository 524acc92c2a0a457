from .validators import valid_path
from ..serializers import to_json
from ...core import authorize
from . import validators


def handle(path):
    if valid_path(path) and validators.valid_path(path) and authorize("me"):
        return to_json({"path": path})
    return None
