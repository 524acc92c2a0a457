"""A method returns a bound method of another object."""


class Button:
    def __init__(self, label):
        self.label = label

    def click(self):
        return "clicked " + self.label


class Form:
    def __init__(self):
        self.submit = Button("submit")

    def default_action(self):
        return self.submit.click


action = Form().default_action()
action()
