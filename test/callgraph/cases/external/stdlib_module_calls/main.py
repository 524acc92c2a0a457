"""Calls into standard-library modules keep their names as written through the imports."""
import json
import os.path
from collections import OrderedDict
from datetime import datetime as dt


def snapshot(path):
    data = OrderedDict(created=dt.now().isoformat())
    data["exists"] = os.path.exists(path)
    return json.dumps(data)


snapshot("/tmp")
