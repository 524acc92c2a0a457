class Forecast:
    def __init__(self, temps):
        self.temps = temps

    def temperatures(self):
        return list(self.temps)
