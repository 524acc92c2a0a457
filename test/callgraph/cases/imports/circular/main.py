"""Two modules importing each other; functions resolved at call time work both ways."""
import orders

orders.place_order("widget")
