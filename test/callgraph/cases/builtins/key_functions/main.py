"""Builtins that call a function argument: sorted/min/max key=, list.sort(key=)."""


def by_priority(task):
    return task["priority"]


def by_name(task):
    return task["name"]


def by_length(task):
    return len(task["name"])


def plan(tasks):
    tasks.sort(key=by_name)
    first = min(tasks, key=by_priority)
    longest = max(tasks, key=by_length)
    return sorted(tasks, key=by_priority), first, longest


plan([{"name": "b", "priority": 2}, {"name": "aa", "priority": 1}])
