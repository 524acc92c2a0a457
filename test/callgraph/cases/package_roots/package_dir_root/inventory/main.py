"""Entry point using absolute imports of its own package."""
from inventory.core.stock import Stock
from inventory import settings

stock = Stock(settings.capacity())
stock.add("bolt", 3)
