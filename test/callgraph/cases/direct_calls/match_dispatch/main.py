"""A match statement dispatching commands: class patterns bind attributes of the subject,
mapping and sequence patterns bind values, and capture patterns bind names used after."""
from dataclasses import dataclass


@dataclass
class Move:
    dx: int
    dy: int


@dataclass
class Say:
    text: str


class Robot:
    def __init__(self):
        self.x = self.y = 0

    def step(self, dx, dy):
        self.x += dx
        self.y += dy

    def speak(self, text):
        return text

    def halt(self):
        return "halt"


def shout(text):
    return text.upper()


def whisper(text):
    return text.lower()


STYLES = {"shout": shout, "whisper": whisper}


def run(robot, command):
    match command:
        case Move(dx=dx, dy=dy):
            robot.step(dx, dy)
        case Say(text=text):
            return robot.speak(text)
        case {"style": style, "text": text}:
            return STYLES[style](text)
        case ["halt"]:
            return robot.halt()
        case [action, *rest]:
            return action(*rest)
        case _:
            return None


def main():
    bot = Robot()
    run(bot, Move(1, 2))
    run(bot, Say("hi"))
    run(bot, {"style": "shout", "text": "hi"})
    run(bot, ["halt"])
    run(bot, [whisper, "OK"])


main()
