"""A definition left after a return can have no code object: the compiler drops code it
cannot reach. The definition of the same qualified name that follows it keeps its own,
and is what the call reaches."""
import subprocess
from sys import stdin


def run(command):
    try:
        return command.strip()

        def launch(text):
            print(text)
    finally:
        def launch(text):
            subprocess.call(text, shell=True)
        launch(command)


def main():
    run(stdin.readline())
