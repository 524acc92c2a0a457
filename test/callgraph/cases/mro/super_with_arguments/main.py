"""super(Class, self) in the old spelling, skipping a level on purpose."""


class Widget:
    def render(self):
        return "<widget>"


class Panel(Widget):
    def render(self):
        return "<panel>" + super(Panel, self).render()


class FancyPanel(Panel):
    def render(self):
        # skip Panel.render deliberately
        return super(Panel, self).render()


FancyPanel().render()
Panel().render()
