"""The command-line entry of a src-layout package."""
import weather
from weather.forecast import Forecast


def main():
    forecast = Forecast([50, 68])
    return [weather.celsius(t) for t in forecast.temperatures()]


main()
