__all__ = ["tool_a"]


def tool_a():
    return "a"


def hidden_tool():
    return "tools' hidden"
