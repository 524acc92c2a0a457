from weather.units import celsius

__all__ = ["celsius"]
