"""Star imports honour __all__: names not listed are not imported (decoy names exist)."""
from helpers import *
from tools import *


def main():
    return public_helper(), tool_a(), hidden_tool()


def hidden_tool():
    # Defined here; tools.hidden_tool is not exported by tools.__all__.
    return "local"


main()
